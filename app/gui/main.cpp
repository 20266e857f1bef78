#include "app/cli/ExitCode.h"
#include "app/gui/ChartExportCommand.h"
#include "core/db/ConnectionSpec.h"
#include "translations/Translations.h"
#include "ui/main/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

#include <cstdio>

namespace {

std::optional<QString> valueIfSet(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    return parser.isSet(option) ? std::optional(parser.value(option)) : std::nullopt;
}

} // namespace

int main(int argc, char *argv[])
{
    // `--export-chart` draws without a window: it must work where there is no display at all.
    ChartExportCommand::prepare(argc, argv);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("xpadmin"));
    QApplication::setOrganizationName(QStringLiteral("xpadmin"));
    QApplication::setApplicationDisplayName(QStringLiteral("XP Admin"));
    QApplication::setApplicationVersion(QStringLiteral(XPADMIN_VERSION));
    QApplication::setOrganizationDomain(QStringLiteral("xpadmin.github.io"));
    QApplication::setDesktopFileName(QStringLiteral("io.github.xpadmin.XPAdmin"));

    // Before any text is made: `--lang`, else the language chosen in the settings, else the system's.
    QStringList arguments = QApplication::arguments();
    QString chosenLanguage = Translations::languageOption(arguments, false);
    if (chosenLanguage.isEmpty())
        chosenLanguage = Translations::preferred();
    if (const Result<QString> language = Translations::install(chosenLanguage); !language) {
        std::fprintf(stderr, "xpadmin: %s\n", qPrintable(language.error().message));
        return ExitCode::Usage;
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Administration of the XP ledger."));
    const QCommandLineOption help = parser.addHelpOption();
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
    const QCommandLineOption exportChart(
        QStringLiteral("export-chart"),
        QApplication::translate("main",
                                "Write one chart to --out without opening a window: category-share, over-time, "
                                "source-type or top-users."),
        QStringLiteral("KIND"));
    const QCommandLineOption user(QStringLiteral("user"),
                                  QApplication::translate("main", "With --export-chart: chart this user only."),
                                  QStringLiteral("ID"));
    const QCommandLineOption since(QStringLiteral("since"),
                                   QApplication::translate("main", "With --export-chart: the first day charted."),
                                   QStringLiteral("DATE"));
    const QCommandLineOption until(QStringLiteral("until"),
                                   QApplication::translate("main", "With --export-chart: the last day charted."),
                                   QStringLiteral("DATE"));
    const QCommandLineOption out(QStringLiteral("out"),
                                 QApplication::translate("main", "With --export-chart: the .png, .svg or .pdf file."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption lang(
        QStringLiteral("lang"),
        QApplication::translate("main", "The language of the window: en, de or fr (default: the system's)."),
        QStringLiteral("LANG"));
    parser.addOptions({version, db, demo, actor, lang, exportChart, user, since, until, out});
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "xpadmin: %s\n", qPrintable(parser.errorText()));
        return ExitCode::Usage;
    }
    if (parser.isSet(help) || parser.isSet(QStringLiteral("help-all")))
        parser.showHelp(0);
    if (parser.isSet(version)) {
        std::printf("xpadmin %s (Qt %s)\n", XPADMIN_VERSION, qVersion());
        return 0;
    }
    if (parser.isSet(exportChart))
        return ChartExportCommand::run(
            {parser.value(exportChart),
             parser.value(db).isEmpty() && parser.isSet(demo) ? MainWindow::demoDatabasePath() : parser.value(db),
             parser.value(actor), parser.value(user), valueIfSet(parser, since), valueIfSet(parser, until),
             valueIfSet(parser, out)});

    QString location = parser.value(db);
    if (location.isEmpty() && parser.isSet(demo))
        location = MainWindow::demoDatabasePath();
    if (location.isEmpty())
        location = qEnvironmentVariable("XPADMIN_DB", QSettings().value(QStringLiteral("lastDatabase")).toString());
    const auto spec = ConnectionSpec::parse(location);
    if (!spec) {
        std::fprintf(stderr, "xpadmin: %s\n", qPrintable(spec.error().message));
        return ExitCode::Usage;
    }

    MainWindow window(parser.value(actor));
    window.show();
    window.openDatabase(*spec, parser.isSet(demo) && parser.value(db).isEmpty());
    return app.exec();
}
