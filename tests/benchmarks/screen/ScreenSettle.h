#pragma once

#include "core/domain/Result.h"

#include <QImage>
#include <QString>
#include <QStringList>

class QElapsedTimer;

// What a person sees of a program starting: the time from its start to the moment its screen
// last changed before staying still (the settled screen), read from the X display it runs on by
// sampling the whole screen. The same for any program, so XP Admin is timed exactly as the program
// beside it is. Needs a display of its own (Xvfb): anything else drawing there counts too.
class ScreenSettle final
{
public:
    struct Options
    {
        int settleMs = 3000; // still this long: settled
        int timeoutMs = 180000; // not settled by then: an error
        int intervalMs = 50; // between the starts of two samples
        // Changes of at most this many pixels do not count: a text cursor blinking.
        int tolerancePixels = 400;
        QString keys; // after the first screen settles: these keys (xdotool's names), then settled again
        // The keys are sent no earlier than this after the start, on a screen sampled anew: a
        // status message that times out (XP Admin's "Opened ...", 5 s) is not taken for their effect.
        int keysAtMs = 0;
    };

    struct Timing
    {
        double firstChangeMs = 0; // from the start to the first thing drawn
        double settledMs = 0; // from the start to the last change before stillness
        double afterKeysMs = -1; // from the keys sent to the screen settled again; -1: no keys
        QImage settled; // the screen as it settled (after the keys, where there were any)
    };

    explicit ScreenSettle(Options options) : m_options(std::move(options)) { }

    // Starts program with arguments (its settings in an empty directory of their own, as on a
    // first start), times its screen, and ends it.
    Result<Timing> measure(const QString &program, const QStringList &arguments);

    // The pixels in which two screens of the same size differ.
    static qint64 changedPixels(const QImage &a, const QImage &b);

private:
    QImage grab() const;
    // Samples from `since` (ms on the timer) until the screen has been still for settleMs; the
    // time of the last change, or an error after timeoutMs.
    Result<double> settle(const QElapsedTimer &timer, double since, QImage &frame, double *firstChange);

    Options m_options;
};
