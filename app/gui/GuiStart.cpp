#include "app/gui/GuiStart.h"

#include "app/cli/ExitCode.h"
#include "app/gui/ChartExportCommand.h"
#include "core/db/ConnectionSpec.h"
#include "translations/Translations.h"
#include "ui/main/LedgerFile.h"
#include "ui/main/MainWindow.h"

#include <QApplication>
#include <QSettings>
#include <QTimer>

#include <cstdio>
#include <optional>

namespace {

QString text(const char *source)
{
    return QCoreApplication::translate("main", source);
}

std::optional<QString> valueIfSet(const QCommandLineParser &parser, const QString &option)
{
    return parser.isSet(option) ? std::optional(parser.value(option)) : std::nullopt;
}

int usageError(const QString &message)
{
    std::fprintf(stderr, "xpadmin: %s\n", qPrintable(message));
    return ExitCode::Usage;
}

} // namespace

GuiStart::GuiStart(int &argc, char **argv) : m_argc(argc), m_argv(argv)
{
    for (int i = 0; i < argc; ++i)
        m_arguments << QString::fromLocal8Bit(argv[i]);
}

GuiStart::~GuiStart() = default;

std::unique_ptr<QCommandLineParser> GuiStart::makeParser()
{
    auto parser = std::make_unique<QCommandLineParser>();
    parser->setApplicationDescription(text(QT_TRANSLATE_NOOP("main", "Administration of the XP ledger.")));
    parser->addHelpOption();
    const auto option = [&parser](const char *name, const char *description, const char *value = nullptr) {
        parser->addOption(QCommandLineOption(QString::fromLatin1(name), text(description),
                                             value ? QString::fromLatin1(value) : QString()));
    };
    option("version", QT_TRANSLATE_NOOP("main", "Show the version and exit."));
    option("db", QT_TRANSLATE_NOOP("main", "The database: a file path or postgresql://URL."), "PATH|URL");
    option("read-db",
           QT_TRANSLATE_NOOP("main",
                             "A hot standby of the PostgreSQL database given with --db: history, totals, charts, "
                             "exports, reports and verify read there, every change goes to --db."),
           "URL");
    option("demo", QT_TRANSLATE_NOOP("main", "Open the demo database (created on first use)."));
    option("actor", QT_TRANSLATE_NOOP("main", "Your name, as recorded in the audit log."), "NAME");
    option("lang", QT_TRANSLATE_NOOP("main", "The language of the window: en, de or fr (default: the system's)."),
           "LANG");
    option("export-chart",
           QT_TRANSLATE_NOOP("main",
                             "Write one chart to --out without opening a window: category-share, over-time, "
                             "source-type or top-users."),
           "KIND");
    option("user", QT_TRANSLATE_NOOP("main", "With --export-chart: chart this user only."), "ID");
    option("since", QT_TRANSLATE_NOOP("main", "With --export-chart: the first day charted."), "DATE");
    option("until", QT_TRANSLATE_NOOP("main", "With --export-chart: the last day charted."), "DATE");
    option("out", QT_TRANSLATE_NOOP("main", "With --export-chart: the .png, .svg or .pdf file."), "FILE");
    parser->addPositionalArgument(
        QStringLiteral("file"),
        text(QT_TRANSLATE_NOOP("main", "The ledger file to open (an SQLite database made by XP Admin).")),
        QStringLiteral("[FILE]"));
    return parser;
}

bool GuiStart::answeredOnTerminal(const QStringList &arguments)
{
    const auto parser = makeParser();
    return !parser->parse(arguments) || parser->isSet(QStringLiteral("help"))
        || parser->isSet(QStringLiteral("help-all")) || parser->isSet(QStringLiteral("version"))
        || !usageProblem(*parser).isEmpty()
        || (parser->isSet(QStringLiteral("lang"))
            && !Translations::languages().contains(parser->value(QStringLiteral("lang")).toLower()));
}

QString GuiStart::usageProblem(const QCommandLineParser &parser)
{
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1)
        return text(QT_TRANSLATE_NOOP("main", "Give one ledger file at a time."));
    if (!files.isEmpty() && parser.isSet(QStringLiteral("db")))
        return text(QT_TRANSLATE_NOOP("main", "Give the ledger either as FILE or with --db, not both."));
    if (parser.isSet(QStringLiteral("read-db"))) {
        const QString url = parser.value(QStringLiteral("read-db")).trimmed();
        const auto standby = ConnectionSpec::parse(url);
        if (url.isEmpty() || (standby && standby->backend != ConnectionSpec::Backend::Postgres))
            return text(QT_TRANSLATE_NOOP("main",
                                          "--read-db needs the URL of a PostgreSQL standby, "
                                          "postgresql://user@host/database."));
        if (!standby) {
            // ConnectionSpec names the option it knows, --db: the URL at fault is this one's.
            QString message = standby.error().message;
            if (message.startsWith(QLatin1String("--db")))
                return message.replace(0, 4, QStringLiteral("--read-db"));
            return text(QT_TRANSLATE_NOOP("main", "--read-db: %1")).arg(message);
        }
    }
    return {};
}

void GuiStart::nameApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("xpadmin"));
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin"));
    QCoreApplication::setApplicationVersion(QStringLiteral(XPADMIN_VERSION));
    QCoreApplication::setOrganizationDomain(QStringLiteral("xpadmin.github.io"));
    if (qobject_cast<QApplication *>(m_app.get())) {
        QApplication::setApplicationDisplayName(QStringLiteral("XP Admin"));
        QApplication::setDesktopFileName(QStringLiteral("io.github.xpadmin.XPAdmin"));
    }
}

int GuiStart::run()
{
    // `--export-chart` draws without a window: it must work where there is no display at all.
    ChartExportCommand::prepare(m_argc, m_argv);
    if (answeredOnTerminal(m_arguments))
        m_app = std::make_unique<QCoreApplication>(m_argc, m_argv);
    else
        m_app = std::make_unique<QApplication>(m_argc, m_argv);
    nameApplication();

    // Before any text is made: `--lang`, else the language chosen in the settings, else the system's.
    QString chosenLanguage;
    if (const auto early = makeParser(); early->parse(m_arguments))
        chosenLanguage = early->value(QStringLiteral("lang"));
    if (chosenLanguage.isEmpty())
        chosenLanguage = Translations::preferred();
    if (const Result<QString> language = Translations::install(chosenLanguage); !language)
        return usageError(language.error().message);

    m_parser = makeParser();
    if (!m_parser->parse(m_arguments))
        return usageError(m_parser->errorText());
    if (m_parser->isSet(QStringLiteral("help")) || m_parser->isSet(QStringLiteral("help-all")))
        m_parser->showHelp(0);
    if (m_parser->isSet(QStringLiteral("version"))) {
        std::printf("xpadmin %s (Qt %s)\n", XPADMIN_VERSION, qVersion());
        return 0;
    }
    if (const QString problem = usageProblem(*m_parser); !problem.isEmpty())
        return usageError(problem);
    if (m_parser->isSet(QStringLiteral("export-chart")))
        return exportChart();
    return openWindow();
}

int GuiStart::exportChart()
{
    const QCommandLineParser &p = *m_parser;
    const QString db = p.value(QStringLiteral("db"));
    return ChartExportCommand::run(
        {p.value(QStringLiteral("export-chart")),
         db.isEmpty() && p.isSet(QStringLiteral("demo")) ? MainWindow::demoDatabasePath() : db,
         p.value(QStringLiteral("actor")), p.value(QStringLiteral("user")), valueIfSet(p, QStringLiteral("since")),
         valueIfSet(p, QStringLiteral("until")), valueIfSet(p, QStringLiteral("out"))});
}

int GuiStart::openWindow()
{
    const QCommandLineParser &p = *m_parser;
    const QStringList files = p.positionalArguments();
    const bool demo = p.isSet(QStringLiteral("demo"));
    // Named here by the person, not remembered: it must exist (unless --demo makes it).
    const QString named = files.isEmpty() ? p.value(QStringLiteral("db")) : files.first();

    QString location = named;
    if (location.isEmpty() && demo)
        location = MainWindow::demoDatabasePath();
    if (location.isEmpty())
        location = qEnvironmentVariable("XPADMIN_DB", QSettings().value(QStringLiteral("lastDatabase")).toString());
    const auto spec = ConnectionSpec::parse(location);
    if (!spec)
        return usageError(spec.error().message);
    std::optional<ConnectionSpec> standby;
    if (p.isSet(QStringLiteral("read-db"))) {
        // Checked by usageProblem(); kept for this start only, so its password reaches no file.
        standby = *ConnectionSpec::parse(p.value(QStringLiteral("read-db")).trimmed());
        if (spec->backend != ConnectionSpec::Backend::Postgres)
            return usageError(text(QT_TRANSLATE_NOOP("main",
                                                     "--read-db reads from a standby of a PostgreSQL "
                                                     "database: give that database with --db URL.")));
    }

    QString problem;
    if (!named.isEmpty() && !demo && spec->backend == ConnectionSpec::Backend::Sqlite)
        problem = LedgerFile::problem(spec->path);

    MainWindow window(p.value(QStringLiteral("actor")));
    window.show();
    if (problem.isEmpty()) {
        window.openDatabase(*spec, demo && named.isEmpty(), standby);
    } else {
        std::fprintf(stderr, "xpadmin: %s\n", qPrintable(problem));
        // Once the window is on screen, so that the message stands in front of it.
        QTimer::singleShot(0, &window, [&window, problem] { LedgerFile::showProblem(&window, problem); });
    }
    return m_app->exec();
}
