"""The floor `caci parse` is compared with: a naive Python loop over the pages that splits lines
and counts the ones starting with 'By ' (a byline). Prints the count, so a run can be checked."""
import sys

count = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f.read().split("\n"):
            if line.startswith("By "):
                count += 1
print(count)
