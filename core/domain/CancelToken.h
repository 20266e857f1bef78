#pragma once

#include <atomic>
#include <memory>

// Shared between the GUI, which may cancel, and a job on a worker thread, which checks it.
class CancelToken final
{
public:
    CancelToken() : m_flag(std::make_shared<std::atomic<bool>>(false)) { }

    void cancel() const { m_flag->store(true); }
    bool isCancelled() const { return m_flag->load(); }

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};
