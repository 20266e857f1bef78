#include "db/ConnectionSpec.h"
#include "main/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("xpadmin"));
    QApplication::setOrganizationName(QStringLiteral("xpadmin"));
    QApplication::setApplicationDisplayName(QStringLiteral("XP Admin"));
    QApplication::setApplicationVersion(QStringLiteral(XPADMIN_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.xpadmin.XPAdmin"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Administration of the XP ledger."));
    parser.addHelpOption();
    const QCommandLineOption version(QStringLiteral("version"),
                                     QApplication::translate("main", "Show the version and exit."));
    const QCommandLineOption db(QStringLiteral("db"),
                                QApplication::translate("main", "The database: a file path or postgresql://URL."),
                                QStringLiteral("PATH|URL"));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QApplication::translate("main", "Open the demo database (created on first use)."));
    const QCommandLineOption actor(QStringLiteral("actor"),
                                   QApplication::translate("main", "Your name, as recorded in the audit log."),
                                   QStringLiteral("NAME"));
    parser.addOptions({version, db, demo, actor});
    parser.process(app);
    if (parser.isSet(version)) {
        std::printf("xpadmin %s (Qt %s)\n", XPADMIN_VERSION, qVersion());
        return 0;
    }

    QString location = parser.value(db);
    if (location.isEmpty() && parser.isSet(demo))
        location = MainWindow::demoDatabasePath();
    if (location.isEmpty())
        location = qEnvironmentVariable("XPADMIN_DB", QSettings().value(QStringLiteral("lastDatabase")).toString());
    const auto spec = ConnectionSpec::parse(location);
    if (!spec) {
        std::fprintf(stderr, "xpadmin: %s\n", qPrintable(spec.error().message));
        return 2;
    }

    MainWindow window(parser.value(actor));
    window.show();
    window.openDatabase(*spec, parser.isSet(demo) && parser.value(db).isEmpty());
    return app.exec();
}
