#include "core/db/Database.h"
#include "core/db/Schema.h"
#include "tests/cli/CliFixture.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using Run = CliRunner::Run;

// Only init and demo create a ledger: every other command on a missing file or on a database
// without a ledger refuses and leaves it byte for byte as it was; another application's
// database is written into only with init --into-existing; a ledger nobody may write to here
// is read, and changes are refused with their own exit status.
class TestCliOpens final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(QFileInfo::exists(CliRunner::program()), qPrintable(CliRunner::program())); }
    void init();
    void cleanup();
    void writeCommandsOnMissingFileCreateNothing();
    void writeCommandsOnForeignDatabaseChangeNothing();
    void readCommandsKeepForeignFileAsItIs();
    void initRefusesForeignDatabaseUnlessIntoExisting();
    void writeCommandOnEmptyDatabaseCreatesNothing();
    void readOnlyLedgerIsReadAndRefusesChanges();

private:
    // The commands that write, each with what it needs to get as far as the database.
    QList<QStringList> writeCommands() const;
    // Creates the table notes (one row) in the fresh database, with plain SQL.
    void makeForeignDatabase();
    // What a user could compare: SQLite, the file's SHA-256, its header's journal mode and the
    // folder's listing; PostgreSQL, every row of every table, the schemas and the tables.
    QString state();
    QString messageFor(const ConnectionSpec &spec) const { return Schema::noLedgerMessage(spec); }

    std::optional<ConnectionSpec> m_spec;
    QTemporaryDir m_dir;
};

void TestCliOpens::init()
{
    XP_FRESH_DATABASE(m_spec);
    if (!TestBackend::isPostgres()) {
        // A folder of its own, so that what appears beside the file can be seen.
        const QString folder = m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()));
        QVERIFY(QDir().mkpath(folder));
        m_spec->path = folder + QStringLiteral("/ledger.sqlite");
    }
}

void TestCliOpens::cleanup()
{
    // A failed read-only case leaves its folder without write permission: given back, so that
    // the temporary folder can go.
    QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QFile::setPermissions(m_dir.filePath(QStringLiteral("share")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

QList<QStringList> TestCliOpens::writeCommands() const
{
    const QString csv = m_dir.filePath(QStringLiteral("legacy.csv"));
    QFile file(csv);
    if (file.open(QIODevice::WriteOnly))
        file.write("userId,totalXP,email\nl1,70,l1@example.com\n");
    return {
        CliRunner::args({"adjust", "--user", "u1", "--amount", "5", "--reason", "Ticket 7"}),
        CliRunner::args({"award", "--user", "u1", "--amount", "5", "--source-id", "s1", "--description", "d",
                         "--source-type", "USER_PROBLEM_ATTEMPT", "--category", "CORRECT_ANSWER"}),
        CliRunner::args({"user", "add", "--id", "u1", "--email", "u1@example.com"}),
        QStringList{QStringLiteral("import-legacy"), csv},
        CliRunner::args({"pending", "threshold", "500"}),
        CliRunner::args({"verify", "--repair"}),
    };
}

void TestCliOpens::makeForeignDatabase()
{
    if (TestBackend::isPostgres()) {
        auto db = Database::open(*m_spec);
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        QVERIFY((*db)->execute(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")));
        QVERIFY((*db)->execute(QStringLiteral("INSERT INTO notes VALUES (1, 'buy milk')")));
        return;
    }
    // Another application's file, made without XP Admin: rollback journal, the default.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
        db.setDatabaseName(m_spec->path);
        QVERIFY(QDir().mkpath(QFileInfo(m_spec->path).absolutePath()));
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")));
        QVERIFY(query.exec(QStringLiteral("INSERT INTO notes VALUES (1, 'buy milk')")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
}

QString TestCliOpens::state()
{
    if (TestBackend::isPostgres()) {
        auto db = Database::open(*m_spec, QStringLiteral("tester"), Database::OpenMode::ReadOnly);
        if (!db)
            return db.error().message;
        const QString schemas = TestBackend::scalar(**db,
                                                    QStringLiteral("SELECT string_agg(schema_name, ',' ORDER BY "
                                                                   "schema_name) FROM information_schema.schemata"))
                                    .toString();
        const QString tables
            = TestBackend::scalar(**db,
                                  QStringLiteral("SELECT string_agg(table_schema || '.' || table_name, ',' ORDER "
                                                 "BY 1) FROM information_schema.tables WHERE table_schema NOT IN "
                                                 "('pg_catalog', 'information_schema')"))
                  .toString();
        return QStringLiteral("%1 | %2 | %3")
            .arg(schemas, tables, QString::fromLatin1(TestBackend::contentDigest(**db)));
    }
    const QFileInfo info(m_spec->path);
    QString text = QDir(info.absolutePath()).entryList(QDir::Files | QDir::Hidden).join(QLatin1Char(','));
    QFile file(m_spec->path);
    if (file.open(QIODevice::ReadOnly)) {
        const QByteArray bytes = file.readAll();
        text += QStringLiteral(" | %1 bytes, journal %2 | ")
                    .arg(bytes.size())
                    .arg(bytes.size() >= 20 ? int(bytes.at(18)) : -1); // 1: rollback journal, 2: WAL
        text += QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    }
    return text;
}

void TestCliOpens::writeCommandsOnMissingFileCreateNothing()
{
    if (TestBackend::isPostgres()) {
        // A mistyped database name: the server refuses the connection, and no database appears.
        ConnectionSpec typo = *m_spec;
        typo.database += QStringLiteral("_typo");
        const Run run = CliRunner(typo.toUrl(true))(writeCommands().constFirst());
        CLI_EXIT(run, 3);
        auto db = Database::open(*m_spec, QStringLiteral("tester"), Database::OpenMode::ReadOnly);
        QVERIFY(db);
        QCOMPARE(TestBackend::scalar(**db, QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = :name"),
                                     {{QStringLiteral(":name"), typo.database}})
                     .toInt(),
                 0);
        return;
    }
    const QString folder = QFileInfo(m_spec->path).absolutePath();
    CliRunner cli(m_spec->path);
    for (const QStringList &command : writeCommands()) {
        const Run run = cli(command);
        QVERIFY2(run.exitCode == 2, qPrintable(command.join(QLatin1Char(' ')) + QLatin1Char('\n') + run.describe()));
        QVERIFY2(run.err.contains(messageFor(*m_spec)), qPrintable(run.describe()));
        QVERIFY2(CliRunner::isOneErrorLine(run.err), qPrintable(run.err));
        QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
    }
    // A mistyped folder is not made either.
    const QString deeper = folder + QStringLiteral("/typo/ledger.sqlite");
    CLI_EXIT(CliRunner(deeper)(writeCommands().constFirst()), 2);
    QVERIFY(!QFileInfo::exists(folder + QStringLiteral("/typo")));
}

void TestCliOpens::writeCommandsOnForeignDatabaseChangeNothing()
{
    makeForeignDatabase();
    const QString before = state();
    CliRunner cli(m_spec->toUrl(true));
    for (const QStringList &command : writeCommands()) {
        const Run run = cli(command);
        QVERIFY2(run.exitCode == 2, qPrintable(command.join(QLatin1Char(' ')) + QLatin1Char('\n') + run.describe()));
        QVERIFY2(run.err.contains(messageFor(*m_spec)), qPrintable(run.describe()));
        if (!m_spec->password.isEmpty())
            QVERIFY2(!run.err.contains(m_spec->password), "the password was shown");
        QCOMPARE(state(), before);
    }
}

void TestCliOpens::readCommandsKeepForeignFileAsItIs()
{
    makeForeignDatabase();
    const QString before = state();
    if (!TestBackend::isPostgres())
        QVERIFY2(before.contains(QLatin1String("journal 1")), qPrintable(before));
    CliRunner cli(m_spec->toUrl(true));
    for (const QStringList &command :
         {CliRunner::args({"doctor"}), CliRunner::args({"history"}), CliRunner::args({"totals"}),
          CliRunner::args({"verify"}), CliRunner::args({"user", "find", "milk"}), CliRunner::args({"pending", "list"}),
          QStringList{QStringLiteral("audit"), QStringLiteral("anchor"), QStringLiteral("--out"),
                      m_dir.filePath(QStringLiteral("anchor.json"))}}) {
        const Run run = cli(command);
        QVERIFY2(run.exitCode == 2, qPrintable(command.join(QLatin1Char(' ')) + QLatin1Char('\n') + run.describe()));
        QVERIFY2(run.err.contains(messageFor(*m_spec)), qPrintable(run.describe()));
        QCOMPARE(state(), before);
    }
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("anchor.json"))));
    // doctor names what it found.
    const Run doctor = cli(CliRunner::args({"doctor"}));
    QVERIFY2(doctor.out.contains(QLatin1String("notes")), qPrintable(doctor.out));
}

void TestCliOpens::initRefusesForeignDatabaseUnlessIntoExisting()
{
    makeForeignDatabase();
    const QString before = state();
    CliRunner cli(m_spec->toUrl(true));
    const Run refused = cli(CliRunner::args({"init"}));
    CLI_EXIT(refused, 2);
    QVERIFY2(refused.err.contains(QLatin1String("notes")), qPrintable(refused.err));
    QVERIFY2(refused.err.contains(QLatin1String("--into-existing")), qPrintable(refused.err));
    QCOMPARE(state(), before);
    // demo creates a ledger too: the same rule.
    CLI_EXIT(cli(CliRunner::args({"demo", "--users", "2", "--transactions", "5"})), 2);
    QCOMPARE(state(), before);

    CLI_EXIT(cli(CliRunner::args({"init", "--into-existing"})), 0);
    CLI_EXIT(cli(CliRunner::args({"user", "add", "--id", "u1", "--email", "u1@example.com"})), 0);
    CLI_EXIT(cli(CliRunner::args({"award", "--user", "u1", "--amount", "5", "--source-id", "s1", "--description", "d",
                                  "--source-type", "USER_PROBLEM_ATTEMPT", "--category", "CORRECT_ANSWER"})),
             0);
    auto db = Database::open(*m_spec, QStringLiteral("tester"), Database::OpenMode::ReadOnly);
    QVERIFY(db);
    QCOMPARE(TestBackend::scalar(**db, QStringLiteral("SELECT body FROM notes WHERE id = 1")).toString(),
             QStringLiteral("buy milk"));
    QCOMPARE(TestBackend::scalar(**db, QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\"")).toInt(), 5);
    // Once there, the ledger is the database's: init again needs no flag.
    CLI_EXIT(cli(CliRunner::args({"init"})), 0);
}

void TestCliOpens::writeCommandOnEmptyDatabaseCreatesNothing()
{
    // PostgreSQL: a database nobody initialised; SQLite: an empty file (touch ledger.sqlite).
    if (!TestBackend::isPostgres()) {
        QVERIFY(QDir().mkpath(QFileInfo(m_spec->path).absolutePath()));
        QFile empty(m_spec->path);
        QVERIFY(empty.open(QIODevice::WriteOnly));
    }
    const QString before = state();
    CliRunner cli(m_spec->toUrl(true));
    for (const QStringList &command : writeCommands()) {
        const Run run = cli(command);
        QVERIFY2(run.exitCode == 2, qPrintable(command.join(QLatin1Char(' ')) + QLatin1Char('\n') + run.describe()));
        QVERIFY2(run.err.contains(messageFor(*m_spec)), qPrintable(run.describe()));
        QCOMPARE(state(), before);
    }
    if (TestBackend::isPostgres()) {
        auto db = Database::open(*m_spec, QStringLiteral("tester"), Database::OpenMode::ReadOnly);
        QVERIFY(db);
        QCOMPARE(TestBackend::scalar(**db,
                                     QStringLiteral("SELECT count(*) FROM information_schema.schemata "
                                                    "WHERE schema_name = 'xpadmin'"))
                     .toInt(),
                 0);
    }
    // An empty database holds nothing of anyone's: init makes the ledger there without a flag.
    CLI_EXIT(cli(CliRunner::args({"init"})), 0);
}

void TestCliOpens::readOnlyLedgerIsReadAndRefusesChanges()
{
    if (TestBackend::isPostgres()) {
        // What a standby, or a database its owner set to read-only, gives every new session.
        CliRunner cli(m_spec->toUrl(true));
        CLI_EXIT(cli(CliRunner::args({"init"})), 0);
        CLI_EXIT(cli(CliRunner::args({"user", "add", "--id", "u1", "--email", "u1@example.com"})), 0);
        QString why;
        QVERIFY2(
            TestBackend::adminExec(
                QStringLiteral("ALTER DATABASE %1 SET default_transaction_read_only = on").arg(m_spec->database), &why),
            qPrintable(why));
        const QString before = state();
        CLI_EXIT(cli(CliRunner::args({"user", "show", "u1"})), 0);
        CLI_EXIT(cli(CliRunner::args({"verify"})), 0);
        const Run adjust = cli(CliRunner::args({"adjust", "--user", "u1", "--amount", "5", "--reason", "Ticket 7"}));
        CLI_EXIT(adjust, 5);
        QVERIFY2(adjust.err.contains(QStringLiteral("the ledger at %1 is read-only (").arg(m_spec->displayName())),
                 qPrintable(adjust.err));
        QCOMPARE(state(), before);
        QVERIFY(TestBackend::adminExec(
            QStringLiteral("ALTER DATABASE %1 RESET default_transaction_read_only").arg(m_spec->database), &why));
        return;
    }
#ifdef Q_OS_UNIX
    // A ledger with one award, copied to a folder this user may read but not write (an auditor's
    // copy on a share), in WAL mode as XP Admin keeps it.
    CliRunner maker(m_spec->path);
    CLI_EXIT(maker(CliRunner::args({"init"})), 0);
    CLI_EXIT(maker(CliRunner::args({"user", "add", "--id", "u1", "--email", "u1@example.com"})), 0);
    CLI_EXIT(maker(CliRunner::args({"award", "--user", "u1", "--amount", "7", "--source-id", "s1", "--description",
                                    "first", "--source-type", "USER_PROBLEM_ATTEMPT", "--category", "CORRECT_ANSWER"})),
             0);
    const QString folder = m_dir.filePath(QStringLiteral("share"));
    QVERIFY(QDir().mkpath(folder));
    const QString ledger = folder + QStringLiteral("/ledger.sqlite");
    QVERIFY(QFile::copy(m_spec->path, ledger));
    QVERIFY(!QFileInfo::exists(m_spec->path + QStringLiteral("-wal")));
    const QByteArray bytes = [&] {
        QFile file(ledger);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    QCOMPARE(int(bytes.at(18)), 2); // WAL

    // As root (CI), permissions stop nobody: the commands then run as the user nobody, on a
    // folder and file root owns; anyone else loses the write permission.
    const bool root = ::geteuid() == 0;
    const QFileDevice::Permissions readable = QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
    const QFileDevice::Permissions enterable = QFileDevice::ExeOwner | QFileDevice::ExeGroup | QFileDevice::ExeOther;
    const QFileDevice::Permissions ownerWrite = root ? QFileDevice::WriteOwner : QFileDevice::Permissions();
    QVERIFY(QFile::setPermissions(m_dir.path(), readable | enterable | ownerWrite));
    QVERIFY(QFile::setPermissions(folder, readable | enterable | ownerWrite));
    QVERIFY(QFile::setPermissions(ledger, readable | ownerWrite));
    const auto run = [&](const QStringList &arguments) {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("XPADMIN_DB"));
        environment.insert(QStringLiteral("HOME"), folder);
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), folder);
        process.setProcessEnvironment(environment);
        const QStringList cli = QStringList{QStringLiteral("--db"), ledger} + arguments;
        if (root)
            process.start(QStringLiteral("setpriv"),
                          QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                      QStringLiteral("--clear-groups"), CliRunner::program()}
                              + cli);
        else
            process.start(CliRunner::program(), cli);
        Run result;
        if (!process.waitForStarted(30000) || !process.waitForFinished(120000)) {
            result.err = process.errorString();
            return result;
        }
        result.exitCode = process.exitCode();
        result.crashed = process.exitStatus() == QProcess::CrashExit;
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    };
    const auto listing = [&] { return QDir(folder).entryList(QDir::Files | QDir::Hidden); };
    const QStringList files = listing();

    const Run history = run(CliRunner::args({"history", "--user", "u1"}));
    CLI_EXIT(history, 0);
    QVERIFY2(history.out.contains(QLatin1String("first")), qPrintable(history.out));
    const Run totals = run(CliRunner::args({"--json", "totals"}));
    CLI_EXIT(totals, 0);
    QCOMPARE(totals.json()[0][QStringLiteral("total")].toInteger(), 7);
    CLI_EXIT(run(CliRunner::args({"verify"})), 0);
    const Run doctor = run(CliRunner::args({"doctor"}));
    CLI_EXIT(doctor, 0);
    QVERIFY2(doctor.out.contains(QLatin1String("not possible here")), qPrintable(doctor.out));

    const Run adjust = run(CliRunner::args({"adjust", "--user", "u1", "--amount", "5", "--reason", "Ticket 7"}));
    CLI_EXIT(adjust, 5);
    QVERIFY2(adjust.err.contains(QStringLiteral("the ledger at %1 is read-only (").arg(ledger)),
             qPrintable(adjust.err));
    CLI_EXIT(run(CliRunner::args({"init"})), 5);

    QFile after(ledger);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), bytes);
    QCOMPARE(listing(), files);
    QVERIFY(QFile::setPermissions(folder, readable | enterable | QFileDevice::WriteOwner));
    QVERIFY(QFile::setPermissions(m_dir.path(), readable | enterable | QFileDevice::WriteOwner));
#else
    QSKIP("file permissions: POSIX only");
#endif
}

QTEST_GUILESS_MAIN(TestCliOpens)
#include "TestCliOpens.moc"
