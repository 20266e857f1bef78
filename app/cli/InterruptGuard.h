#pragma once

// Catches Ctrl+C (SIGINT) while it lives, so that a long operation can stop cleanly and keep
// nothing: the operation's progress callback asks interrupted() and returns false. A second
// Ctrl+C ends the program at once, as usual.
class InterruptGuard final
{
public:
    InterruptGuard();
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard &) = delete;
    InterruptGuard &operator=(const InterruptGuard &) = delete;

    static bool interrupted();

private:
    using Handler = void (*)(int);
    Handler m_previous = nullptr;
};
