#pragma once

// How much of its volume (random operations, generated inputs) a test runs in this build: all
// of it, or a quarter under the sanitizers (AddressSanitizer, with UndefinedBehaviorSanitizer:
// XPADMIN_SANITIZE). There every operation costs several times as much, and what the run looks
// for, a memory error or undefined behaviour on the code's paths, a quarter of the operations
// reaches as well; the full volume runs in the main suite (docs/ci-time.md).
namespace TestScale {

#if defined(__SANITIZE_ADDRESS__)
constexpr int Divisor = 4; // GCC
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr int Divisor = 4; // clang
#else
constexpr int Divisor = 1;
#endif
#else
constexpr int Divisor = 1;
#endif

constexpr int of(int count)
{
    return count / Divisor;
}

} // namespace TestScale
