#pragma once

#include <QElapsedTimer>
#include <QString>

#include <functional>

class CliOutput;

// Progress of a long command on the terminal: a line at most ten times a second (none when
// the output is not a terminal), with a rate; and whether Ctrl+C asked to stop (an
// InterruptGuard must be alive).
class CliProgress final
{
public:
    explicit CliProgress(CliOutput &out);

    // Shows text() when the last line is old enough; returns false when Ctrl+C came.
    bool update(const std::function<QString()> &text);
    // done per second since the start.
    qint64 perSecond(qint64 done) const;
    qint64 elapsedMs() const { return m_timer.elapsed(); }

private:
    CliOutput &m_out;
    QElapsedTimer m_timer;
    qint64 m_lastShownMs;
    bool m_show;
};
