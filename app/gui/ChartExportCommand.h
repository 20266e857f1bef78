#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

// `xpadmin --export-chart KIND [--db PATH|URL] [--user ID] [--since DATE] [--until DATE] --out FILE`:
// reads the figures (no window), writes the chart as PNG, SVG or PDF and says so. Exits with
// xpadmin-cli's statuses (ExitCode): Ok when done, Usage on bad input (one line on stderr names
// the option and its value), Database when the database fails.
class ChartExportCommand final
{
    Q_DECLARE_TR_FUNCTIONS(ChartExportCommand)

public:
    struct Arguments
    {
        QString kind;
        QString database; // empty: $XPADMIN_DB, then the embedded database
        QString operatorName;
        QString userId;
        std::optional<QString> since;
        std::optional<QString> until;
        std::optional<QString> out;
    };

    // Before QApplication exists: whether argv asks for --export-chart, and if so, prepares a
    // run without a display (the offscreen platform unless one is chosen, and no complaint from
    // Qt about a missing XDG_RUNTIME_DIR, which a headless job often lacks).
    static bool prepare(int argc, char *argv[]);
    static int run(const Arguments &arguments);

private:
    static int fail(int code, const QString &message);
};
