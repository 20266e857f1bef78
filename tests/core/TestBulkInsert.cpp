#include "tests/support/TestBackend.h"

#include "core/db/BulkInsert.h"
#include "core/db/PostgresCopy.h"
#include "core/domain/Timestamp.h"

#include <QTest>

// The bulk-write path of demo data and imports: multi-row INSERTs on SQLite, COPY on PostgreSQL
// (from 50 rows a chunk). Whatever path a chunk takes, text comes back byte for byte, NULL stays
// NULL, and a failed chunk leaves nothing behind.
class TestBulkInsert final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void textComesBackExactly_data();
    void textComesBackExactly();
    void enumsAndTimestamps();
    void failedChunkWritesNothing();
    void copyFollowsAFinishedStatement();

private:
    // Users named "u0".."u{count-1}", with the given names (cycled), written through BulkInsert.
    Status writeUsers(int count, const QStringList &names);
    QHash<QString, QVariant> namesById();

    std::unique_ptr<Database> m_db;
};

namespace {

// Text COPY's text format escapes or treats specially, and text it does not.
QStringList awkwardTexts()
{
    return {QStringLiteral("tab\there"),
            QStringLiteral("new\nline"),
            QStringLiteral("carriage\rreturn"),
            QStringLiteral("back\\slash"),
            QStringLiteral("\\N"),
            QStringLiteral("\\."),
            QStringLiteral("ends with a backslash\\"),
            QStringLiteral("'; DROP TABLE \"UserXP\"; --"),
            QStringLiteral("\"quoted\""),
            QString::fromUtf8("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xe2\x80\x8f right-to-left"),
            QString::fromUtf8("emoji \xf0\x9f\x8e\x89 and \xe2\x82\xac"),
            QString(),
            QStringLiteral(""),
            QStringLiteral(" "),
            QString(5000, QLatin1Char('x'))};
}

} // namespace

void TestBulkInsert::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
}

void TestBulkInsert::cleanup()
{
    m_db.reset();
}

Status TestBulkInsert::writeUsers(int count, const QStringList &names)
{
    return m_db->writeTransaction([&]() -> Status {
        BulkInsert users(*m_db, QStringLiteral("\"User\""),
                         {QStringLiteral("\"id\""), QStringLiteral("\"email\""), QStringLiteral("\"name\"")},
                         {QStringLiteral("?"), QStringLiteral("?"), QStringLiteral("?")}, 20);
        for (int i = 0; i < count; ++i) {
            const QString name = names.at(i % names.size());
            // A null QString is SQL NULL; the empty string stays empty.
            const QVariant nameValue = name.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(name);
            if (const Status s
                = users.add({QStringLiteral("u%1").arg(i), QStringLiteral("u%1@example.com").arg(i), nameValue});
                !s)
                return s;
        }
        return users.finish();
    });
}

QHash<QString, QVariant> TestBulkInsert::namesById()
{
    QHash<QString, QVariant> names;
    auto rows = m_db->run(QStringLiteral("SELECT \"id\", \"name\" FROM \"User\""));
    if (!rows)
        return names;
    while (rows->next())
        names.insert(rows->text(0), rows->value(1));
    return names;
}

void TestBulkInsert::textComesBackExactly_data()
{
    QTest::addColumn<int>("rows");
    QTest::newRow("one INSERT (49 rows)") << 49;
    QTest::newRow("smallest COPY (50 rows)") << 50;
    QTest::newRow("several chunks and a remainder (5,123 rows)") << 5123;
}

void TestBulkInsert::textComesBackExactly()
{
    QFETCH(int, rows);
    const QStringList texts = awkwardTexts();
    const Status written = writeUsers(rows, texts);
    QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
    const QHash<QString, QVariant> names = namesById();
    QCOMPARE(names.size(), rows);
    for (int i = 0; i < rows; ++i) {
        const QString expected = texts.at(i % texts.size());
        const QVariant stored = names.value(QStringLiteral("u%1").arg(i));
        if (expected.isNull()) {
            QVERIFY2(stored.isNull(),
                     qPrintable(QStringLiteral("row %1: NULL came back as \"%2\"").arg(i).arg(stored.toString())));
            continue;
        }
        QVERIFY2(!stored.isNull(), qPrintable(QStringLiteral("row %1 came back NULL").arg(i)));
        QCOMPARE(stored.toString().toUtf8(), expected.toUtf8());
    }
}

void TestBulkInsert::enumsAndTimestamps()
{
    QVERIFY(writeUsers(1, {QStringLiteral("Ada")}));
    const Dialect &d = m_db->dialect();
    const QString p = QStringLiteral("?");
    // Milliseconds either side of a second, and the epoch: TIMESTAMP(3) keeps them all.
    const QList<QDateTime> times{QDateTime::fromMSecsSinceEpoch(1'767'225'599'999, Qt::UTC),
                                 QDateTime::fromMSecsSinceEpoch(1'767'225'600'001, Qt::UTC),
                                 QDateTime::fromMSecsSinceEpoch(0, Qt::UTC)};
    const QStringList sourceTypes{QStringLiteral("USER_PROBLEM_ATTEMPT"), QStringLiteral("MANUAL_ADJUSTMENT"),
                                  QStringLiteral("SPECIAL_ACHIEVEMENT"), QStringLiteral("DAILY_STREAK")};
    const QStringList categories{QStringLiteral("CORRECT_ANSWER"), QStringLiteral("STREAK_BONUS"),
                                 QStringLiteral("ACHIEVEMENT"), QStringLiteral("MANUAL")};
    constexpr int Rows = 120;
    const Status status = m_db->writeTransaction([&]() -> Status {
        BulkInsert rows(
            *m_db, QStringLiteral("\"UserXP\""),
            {QStringLiteral("\"id\""), QStringLiteral("\"userId\""), QStringLiteral("\"amount\""),
             QStringLiteral("\"sourceType\""), QStringLiteral("\"sourceId\""), QStringLiteral("\"description\""),
             QStringLiteral("\"category\""), QStringLiteral("\"createdAt\""), QStringLiteral("\"updatedAt\"")},
            {p, p, p, d.sourceTypeParam(p), p, p, d.categoryParam(p), d.timestampParam(p), d.timestampParam(p)});
        for (int i = 0; i < Rows; ++i) {
            const QString at = Timestamp::toSql(times.at(i % times.size()));
            if (const Status s
                = rows.add({QStringLiteral("x%1").arg(i), QStringLiteral("u0"), i % 2 ? -i : i, sourceTypes.at(i % 4),
                            QStringLiteral("s%1").arg(i), QStringLiteral("d"), categories.at(i % 4), at, at});
                !s)
                return s;
        }
        return rows.finish();
    });
    QVERIFY2(status, qPrintable(status ? QString() : status.error().message));
    auto rows = m_db->run(QStringLiteral("SELECT \"id\", \"amount\", \"sourceType\", \"category\", \"createdAt\" "
                                         "FROM \"UserXP\""));
    QVERIFY(rows);
    int seen = 0;
    while (rows->next()) {
        const int i = rows->text(0).mid(1).toInt();
        QCOMPARE(rows->integer(1), qint64(i % 2 ? -i : i));
        QCOMPARE(rows->text(2), sourceTypes.at(i % 4));
        QCOMPARE(rows->text(3), categories.at(i % 4));
        QCOMPARE(d.readTimestamp(rows->value(4)), times.at(i % times.size()));
        ++seen;
    }
    QCOMPARE(seen, Rows);
}

void TestBulkInsert::failedChunkWritesNothing()
{
    // The 60th row repeats a primary key: the chunk that holds it (a COPY on PostgreSQL) fails,
    // the transaction rolls back, and the error says what went wrong.
    const Status status = m_db->writeTransaction([&]() -> Status {
        BulkInsert users(*m_db, QStringLiteral("\"User\""),
                         {QStringLiteral("\"id\""), QStringLiteral("\"email\""), QStringLiteral("\"name\"")},
                         {QStringLiteral("?"), QStringLiteral("?"), QStringLiteral("?")}, 20);
        for (int i = 0; i < 200; ++i) {
            const QString id = QStringLiteral("u%1").arg(i == 59 ? 3 : i);
            if (const Status s = users.add({id, QStringLiteral("u%1@example.com").arg(i), QStringLiteral("n")}); !s)
                return s;
        }
        return users.finish();
    });
    QVERIFY(!status);
    QVERIFY2(status.error().message.contains(QLatin1String("User_pkey"), Qt::CaseInsensitive)
                 || status.error().message.contains(QLatin1String("UNIQUE"), Qt::CaseInsensitive),
             qPrintable(status.error().message));
    QCOMPARE(TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM \"User\"")).toLongLong(), 0);
    // The connection is usable afterwards: the next write goes through.
    QVERIFY(writeUsers(60, {QStringLiteral("after")}));
    QCOMPARE(TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM \"User\"")).toLongLong(), 60);
    if (TestBackend::isPostgres())
        QVERIFY2(PostgresCopy::isAvailable(), "this build has no libpq: PostgreSQL bulk writes do not use COPY");
}

void TestBulkInsert::copyFollowsAFinishedStatement()
{
    // An import reads (prepared statements) and then writes in bulk, in one transaction. On
    // PostgreSQL, QPSQL leaves the end of a statement's results unread until the next statement:
    // a COPY must not run while the rows are read, and must run once they are done, not fall
    // back to INSERTs for the rest of the batch.
    QVERIFY(writeUsers(3, {QStringLiteral("before")}));
    pg_conn *connection = m_db->postgresHandle();
    const Status status = m_db->writeTransaction([&]() -> Status {
        {
            auto rows = m_db->run(QStringLiteral("SELECT \"id\" FROM \"User\" ORDER BY \"id\""));
            if (!rows || !rows->next())
                return Error::database(QStringLiteral("the users written before cannot be read"));
            if (connection && PostgresCopy::makeReady(*m_db, connection))
                return Error::database(QStringLiteral("COPY allowed while a statement's rows are read"));
        }
        if (connection && !PostgresCopy::makeReady(*m_db, connection))
            return Error::database(QStringLiteral("no COPY after a finished statement"));
        BulkInsert users(*m_db, QStringLiteral("\"User\""),
                         {QStringLiteral("\"id\""), QStringLiteral("\"email\""), QStringLiteral("\"name\"")},
                         {QStringLiteral("?"), QStringLiteral("?"), QStringLiteral("?")});
        for (int i = 0; i < 100; ++i) {
            if (const Status s = users.add({QStringLiteral("after%1").arg(i),
                                            QStringLiteral("after%1@example.com").arg(i), QStringLiteral("n")});
                !s)
                return s;
        }
        if (const Status s = users.finish(); !s)
            return s;
        // The connection goes on as usual after the COPY.
        auto count = m_db->run(QStringLiteral("SELECT count(*) FROM \"User\""));
        if (!count || !count->next() || count->integer(0) != 103)
            return Error::database(QStringLiteral("the rows written are not all there"));
        return {};
    });
    QVERIFY2(status, qPrintable(status ? QString() : status.error().message));
    QCOMPARE(TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM \"User\"")).toLongLong(), 103);
    if (TestBackend::isPostgres())
        QVERIFY(connection);
}

QTEST_GUILESS_MAIN(TestBulkInsert)
#include "TestBulkInsert.moc"
