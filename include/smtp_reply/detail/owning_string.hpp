// smtp_reply: recognising a temporary owning string, so that the overloads
// whose result would point into it can be deleted. Not part of the public API.
#ifndef SMTP_REPLY_DETAIL_OWNING_STRING_HPP
#define SMTP_REPLY_DETAIL_OWNING_STRING_HPP

#include <string_view>
#include <type_traits>

namespace smtp_reply {
namespace detail {

/// True for a class that owns its characters and converts to string_view:
/// std::basic_string<char, Traits, Allocator> (std::string, std::pmr::string,
/// a class derived from them), told apart from a view by `allocator_type`.
/// Detected by shape rather than by name so that no public header needs
/// <string> (a quarter of what parse.hpp costs to compile with g++ 12).
template <class S, class = void>
struct is_owning_string : std::false_type {};

template <class S>
struct is_owning_string<S, std::void_t<typename S::allocator_type, typename S::traits_type>>
    : std::is_convertible<const S&, std::string_view> {};

/// True when a forwarding reference `S&&` was bound to a temporary (or a
/// moved-from value) of an owning string, const or not. An lvalue deduces a
/// reference type for S and is left to the std::string_view overload.
template <class S>
inline constexpr bool is_owning_string_rvalue_v =
    !std::is_reference_v<S> && is_owning_string<std::remove_cv_t<S>>::value;

/// For the template parameter of a deleted overload: enabled (so the call is
/// an error) only for a temporary owning string.
template <class S>
using enable_if_owning_string_rvalue = std::enable_if_t<is_owning_string_rvalue_v<S>>;

}  // namespace detail
}  // namespace smtp_reply

#endif  // SMTP_REPLY_DETAIL_OWNING_STRING_HPP
