#pragma once

#include <atomic>
#include <memory>

// Shared between the GUI, which may cancel, and a job on a worker thread, which checks it.
class CancelToken final
{
public:
    CancelToken() : m_flag(std::make_shared<std::atomic<bool>>(false)) { }

    // A token that reads a flag kept elsewhere, which must outlive it: a signal handler's, whose
    // store is all a handler may do.
    static CancelToken of(std::atomic<bool> &flag)
    {
        CancelToken token;
        token.m_flag = std::shared_ptr<std::atomic<bool>>(std::shared_ptr<void>(), &flag);
        return token;
    }

    void cancel() const { m_flag->store(true); }
    bool isCancelled() const { return m_flag->load(); }

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};
