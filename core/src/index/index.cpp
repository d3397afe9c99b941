// caci::Index: thin forwarding to IndexImpl.
#include "index_impl.hpp"

#include <new>
#include <stdexcept>

namespace caci {

Index::Index() : impl_(new IndexImpl(IndexOptions{})) {}
Index::Index(const IndexOptions &opts) : impl_(new IndexImpl(opts)) {}
Index::~Index() = default;
Index::Index(Index &&) noexcept = default;
Index &Index::operator=(Index &&) noexcept = default;

const IndexOptions &Index::options() const { return impl_->opts; }

void Index::set_options(const IndexOptions &opts) { impl_->opts = opts; }

Status Index::add_document(const Document &src, size_t *added) {
  size_t n = 0;
  Status result = Status::ok;
  try {
    impl_->reserve_for(src.store);
    for (const Article &a : src.store.articles) {
      if (a.deleted) continue;
      Status st = impl_->add_article(src.store, a);
      if (st == Status::ok) ++n;
      else if (failed(st)) {
        result = st;
        break;
      }
    }
  } catch (const std::bad_alloc &) {
    result = Status::enomem;
  } catch (const std::length_error &) {  // a size past max_size(): also out of memory
    result = Status::enomem;
  }
  if (added) *added = n;
  return result;
}

Status Index::add_article(const ArticleStore &src, const Article &a) {
  try {
    return impl_->add_article(src, a);
  } catch (const std::bad_alloc &) {
    return Status::enomem;
  } catch (const std::length_error &) {  // a size past max_size(): also out of memory
    return Status::enomem;
  }
}

Status Index::remove(uint64_t id) { return impl_->remove(id); }
size_t Index::size() const { return impl_->live; }
const ArticleStore &Index::store() const { return impl_->store; }

const Article *Index::find(uint64_t id) const {
  auto it = impl_->by_id.find(id);
  return it == impl_->by_id.end() ? nullptr : &impl_->store.articles[it->second];
}

} // namespace caci
