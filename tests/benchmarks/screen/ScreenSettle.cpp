#include "tests/benchmarks/screen/ScreenSettle.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QPixmap>
#include <QProcess>
#include <QScreen>
#include <QTemporaryDir>
#include <QThread>

namespace {

double msOf(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

QImage ScreenSettle::grab() const
{
    // Window 0 is the root window on X11: everything shown on the display.
    return QGuiApplication::primaryScreen()->grabWindow(0).toImage().convertToFormat(QImage::Format_RGB32);
}

qint64 ScreenSettle::changedPixels(const QImage &a, const QImage &b)
{
    if (a.size() != b.size())
        return qint64(std::max(a.width(), b.width())) * std::max(a.height(), b.height());
    qint64 changed = 0;
    for (int y = 0; y < a.height(); ++y) {
        const auto *left = reinterpret_cast<const quint32 *>(a.constScanLine(y));
        const auto *right = reinterpret_cast<const quint32 *>(b.constScanLine(y));
        for (int x = 0; x < a.width(); ++x)
            changed += (left[x] & 0xffffffu) != (right[x] & 0xffffffu);
    }
    return changed;
}

Result<double> ScreenSettle::settle(const QElapsedTimer &timer, double since, QImage &frame, double *firstChange)
{
    double lastChange = since;
    for (;;) {
        const double at = msOf(timer);
        const QImage now = grab();
        if (changedPixels(now, frame) > m_options.tolerancePixels) {
            frame = now;
            lastChange = at;
            if (firstChange && *firstChange < 0)
                *firstChange = at;
        }
        const double done = msOf(timer);
        if (done - lastChange >= m_options.settleMs)
            return lastChange;
        if (done - since >= m_options.timeoutMs)
            return Error::database(
                QStringLiteral("the screen did not settle within %1 s").arg(m_options.timeoutMs / 1000));
        const double next = at + m_options.intervalMs - msOf(timer);
        if (next > 0)
            QThread::usleep(static_cast<unsigned long>(next * 1000));
    }
}

Result<ScreenSettle::Timing> ScreenSettle::measure(const QString &program, const QStringList &arguments)
{
    QTemporaryDir settings;
    if (!settings.isValid())
        return Error::database(QStringLiteral("no temporary directory for the program's settings"));
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"})
        environment.insert(QString::fromLatin1(name), settings.path() + QLatin1Char('/') + QString::fromLatin1(name));
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.setStandardOutputFile(QProcess::nullDevice());

    QImage frame = grab(); // the empty display
    Timing timing;
    timing.firstChangeMs = -1;
    QElapsedTimer timer;
    timer.start();
    process.start(program, arguments);
    if (!process.waitForStarted())
        return Error::database(QStringLiteral("%1 did not start: %2").arg(program, process.errorString()));
    const auto end = [&process]() {
        process.terminate();
        if (!process.waitForFinished(5000)) {
            process.kill();
            process.waitForFinished(5000);
        }
    };
    auto settled = settle(timer, 0, frame, &timing.firstChangeMs);
    if (!settled) {
        end();
        return settled.error();
    }
    timing.settledMs = *settled;
    if (!m_options.keys.isEmpty()) {
        if (const double wait = m_options.keysAtMs - msOf(timer); wait > 0)
            QThread::usleep(static_cast<unsigned long>(wait * 1000));
        frame = grab();
        // Without a window manager nothing has the keyboard: the program's window is given it first.
        const auto xdotool = [](const QStringList &arguments) -> Result<QString> {
            QProcess tool;
            tool.start(QStringLiteral("xdotool"), arguments);
            if (!tool.waitForFinished(10000) || tool.exitStatus() != QProcess::NormalExit || tool.exitCode() != 0)
                return Error::database(QStringLiteral("xdotool %1 failed").arg(arguments.join(QLatin1Char(' '))));
            return QString::fromUtf8(tool.readAllStandardOutput()).trimmed();
        };
        auto windows = xdotool({QStringLiteral("search"), QStringLiteral("--onlyvisible"), QStringLiteral("--pid"),
                                QString::number(process.processId())});
        Status delivered = windows ? Status() : Status(windows.error());
        if (delivered) {
            const QString window = windows->section(QLatin1Char('\n'), 0, 0);
            auto focused = xdotool({QStringLiteral("windowfocus"), QStringLiteral("--sync"), window});
            if (focused)
                focused = xdotool(QStringList{QStringLiteral("key"), QStringLiteral("--clearmodifiers")}
                                  + QProcess::splitCommand(m_options.keys));
            delivered = focused ? Status() : Status(focused.error());
        }
        if (!delivered) {
            end();
            return delivered.error();
        }
        const double sent = msOf(timer);
        auto again = settle(timer, sent, frame, nullptr);
        if (!again) {
            end();
            return again.error();
        }
        timing.afterKeysMs = *again - sent;
    }
    timing.settled = frame;
    if (process.state() != QProcess::Running)
        return Error::database(
            QStringLiteral("%1 ended before its screen settled (exit status %2)").arg(program).arg(process.exitCode()));
    end();
    return timing;
}
