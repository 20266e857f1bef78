#include "app/cli/CliProgress.h"

#include "app/cli/CliOutput.h"
#include "app/cli/InterruptGuard.h"

namespace {
constexpr qint64 IntervalMs = 100;
}

CliProgress::CliProgress(CliOutput &out) : m_out(out), m_lastShownMs(-IntervalMs), m_show(out.showsProgress())
{
    m_timer.start();
}

bool CliProgress::update(const std::function<QString()> &text)
{
    if (m_show && m_timer.elapsed() - m_lastShownMs >= IntervalMs) {
        m_lastShownMs = m_timer.elapsed();
        m_out.progress(text());
    }
    return !InterruptGuard::interrupted();
}

qint64 CliProgress::perSecond(qint64 done) const
{
    const qint64 ms = m_timer.elapsed();
    return ms > 0 ? done * 1000 / ms : done;
}
