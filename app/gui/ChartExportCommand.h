#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

// `xpadmin --export-chart KIND [--db PATH|URL] [--user ID] [--since DATE] [--until DATE] --out FILE`:
// reads the figures (no window), writes the chart as PNG, SVG or PDF and says so. Exit status 0
// done, 2 bad input (one line on stderr names the option and its value), 3 database failure.
class ChartExportCommand final
{
    Q_DECLARE_TR_FUNCTIONS(ChartExportCommand)

public:
    enum ExitCode { Done = 0, BadInput = 2, DatabaseFailed = 3 };

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
