// xpadmin-first-screen: the time from starting a program to its settled screen, XP Admin beside
// another program opening the same database, taking turns on one X display (Xvfb); optionally
// the time XP Admin's screen takes to settle again after keys (Ctrl+3: the charts).
//
//   xvfb-run -s "-screen 0 1600x1000x24" xpadmin-first-screen --app "build/app/xpadmin FILE"
//       --beside "sqlitebrowser -R -t UserXP FILE" [--keys ctrl+3] [--keys-at MS] [--runs N] [--settle MS]
//       [--shots DIR] [--json FILE]

#include "tests/benchmarks/Samples.h"
#include "tests/benchmarks/screen/ScreenSettle.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <cstdio>

namespace {

struct Side
{
    QString name;
    QString program;
    QStringList arguments;
    Samples first, settled, afterKeys;
};

QString figures(const Samples &samples)
{
    return QStringLiteral("median %1 ms (best %2)").arg(samples.median(), 0, 'f', 0).arg(samples.best(), 0, 'f', 0);
}

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Times programs from their start to their settled screen."));
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("app"), QStringLiteral("XP Admin's command line."), QStringLiteral("COMMAND")},
        {QStringLiteral("beside"), QStringLiteral("The other program's command line."), QStringLiteral("COMMAND")},
        {QStringLiteral("keys"), QStringLiteral("Keys sent to XP Admin once its screen settled (xdotool names)."),
         QStringLiteral("KEYS")},
        {QStringLiteral("keys-at"),
         QStringLiteral("Send the keys no earlier than this after the start, once the status bar's message has "
                        "gone (default 7000)."),
         QStringLiteral("MS"), QStringLiteral("7000")},
        {QStringLiteral("runs"), QStringLiteral("Timed runs of each, after one untimed (default 3)."),
         QStringLiteral("N"), QStringLiteral("3")},
        {QStringLiteral("settle"), QStringLiteral("Milliseconds still that count as settled (default 3000)."),
         QStringLiteral("MS"), QStringLiteral("3000")},
        {QStringLiteral("shots"), QStringLiteral("Save each settled screen here."), QStringLiteral("DIR")},
        {QStringLiteral("json"), QStringLiteral("Write the results to FILE."), QStringLiteral("FILE")},
    });
    parser.process(app);
    bool ok = false;
    const int runs = parser.value(QStringLiteral("runs")).toInt(&ok);
    const int settleMs = ok ? parser.value(QStringLiteral("settle")).toInt(&ok) : 0;
    const int keysAtMs = ok ? parser.value(QStringLiteral("keys-at")).toInt(&ok) : 0;
    if (!ok || runs < 1 || settleMs < 100 || keysAtMs < 0 || !parser.isSet(QStringLiteral("app"))) {
        std::fprintf(stderr, "xpadmin-first-screen: give --app, and --runs, --settle and --keys-at as whole numbers\n");
        return 2;
    }
    std::vector<Side> sides;
    for (const QString &option : {QStringLiteral("app"), QStringLiteral("beside")}) {
        if (!parser.isSet(option))
            continue;
        const QStringList command = QProcess::splitCommand(parser.value(option));
        if (command.isEmpty()) {
            std::fprintf(stderr, "xpadmin-first-screen: --%s is empty\n", qPrintable(option));
            return 2;
        }
        sides.push_back({QFileInfo(command.constFirst()).fileName(), command.constFirst(), command.mid(1), {}, {}, {}});
    }
    const QString shots = parser.value(QStringLiteral("shots"));
    if (!shots.isEmpty())
        QDir().mkpath(shots);
    for (int run = 0; run <= runs; ++run) {
        // Taking turns; run 0 is untimed, so that both find the file in the page cache.
        for (std::size_t turn = 0; turn < sides.size(); ++turn) {
            Side &side = sides[(turn + std::size_t(run)) % sides.size()];
            ScreenSettle::Options options;
            options.settleMs = settleMs;
            if (&side == &sides.front()) {
                options.keys = parser.value(QStringLiteral("keys"));
                options.keysAtMs = keysAtMs;
            }
            auto timing = ScreenSettle(options).measure(side.program, side.arguments);
            if (!timing) {
                std::fprintf(stderr, "xpadmin-first-screen: %s: %s\n", qPrintable(side.name),
                             qPrintable(timing.error().message));
                return 1;
            }
            std::fprintf(stderr, "run %d%s %-14s first pixels %6.0f ms, settled %6.0f ms%s\n", run,
                         run == 0 ? " (untimed)" : "", qPrintable(side.name), timing->firstChangeMs, timing->settledMs,
                         timing->afterKeysMs >= 0
                             ? qPrintable(QStringLiteral(", after the keys %1 ms").arg(timing->afterKeysMs, 0, 'f', 0))
                             : "");
            if (!shots.isEmpty())
                timing->settled.save(QStringLiteral("%1/%2-run%3.png").arg(shots, side.name).arg(run));
            if (run == 0)
                continue;
            side.first.add(timing->firstChangeMs);
            side.settled.add(timing->settledMs);
            if (timing->afterKeysMs >= 0)
                side.afterKeys.add(timing->afterKeysMs);
        }
    }
    QJsonObject json;
    for (const Side &side : sides) {
        std::printf("%-14s first pixels %s; settled screen %s\n", qPrintable(side.name),
                    qPrintable(figures(side.first)), qPrintable(figures(side.settled)));
        json.insert(side.name,
                    QJsonObject{{QStringLiteral("first_pixels_ms"), side.first.median()},
                                {QStringLiteral("settled_ms"), side.settled.median()},
                                {QStringLiteral("runs"), int(side.settled.size())}});
    }
    if (!sides.front().afterKeys.isEmpty()) {
        std::printf("%-14s settled again after %s: %s\n", qPrintable(sides.front().name),
                    qPrintable(parser.value(QStringLiteral("keys"))), qPrintable(figures(sides.front().afterKeys)));
        json.insert(QStringLiteral("after_keys_ms"), sides.front().afterKeys.median());
    }
    if (sides.size() == 2) {
        const double ratio = sides[0].settled.median() / sides[1].settled.median();
        std::printf("settled screen: %s %.2fx of %s\n", qPrintable(sides[0].name), ratio, qPrintable(sides[1].name));
        json.insert(QStringLiteral("ratio"), ratio);
    }
    if (parser.isSet(QStringLiteral("json"))) {
        QFile file(parser.value(QStringLiteral("json")));
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(json).toJson()) < 0) {
            std::fprintf(stderr, "xpadmin-first-screen: cannot write %s\n", qPrintable(file.fileName()));
            return 1;
        }
    }
    return 0;
}
