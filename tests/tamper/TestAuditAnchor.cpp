#include "tests/support/TestBackend.h"
#include "tests/tamper/AuditTamper.h"

#include "core/audit/AuditAnchor.h"
#include "core/audit/AuditLog.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"
#include "core/users/Users.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

// An anchor taken from the audit log, kept in a file, and checked later: it holds while the log
// only grows, and names what is missing or changed after the log's tail was removed or rewritten
// by someone who owns the database.
class TestAuditAnchor final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void anchorNamesTheNewestEvent();
    void anchorHoldsWhileTheLogGrows();
    void removedTailIsFoundThoughTheChainIsIntact();
    void rewrittenLogIsFound();
    void anchorOfAnotherLedgerIsNamed();
    void emptyLogAnchorHoldsAndAnEmptiedLogDoesNot();
    void fileRoundTripsAndDamageIsReported();

private:
    void award(int count);
    qint64 newestSeq();

    std::unique_ptr<Database> m_db;
    ConnectionSpec m_spec;
    QTemporaryDir m_dir;
};

void TestAuditAnchor::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    QVERIFY(Users(*m_db).add(QStringLiteral("alice"), QStringLiteral("alice@example.com"), {}));
    award(5);
}

void TestAuditAnchor::cleanup()
{
    m_db.reset();
    TestBackend::dropDatabase(m_spec);
}

void TestAuditAnchor::award(int count)
{
    Ledger ledger(*m_db);
    static int next = 0;
    for (int i = 0; i < count; ++i) {
        ++next;
        QVERIFY(
            ledger.award({QStringLiteral("alice"), 10, SourceType::UserProblemAttempt,
                          QStringLiteral("anchor-%1").arg(next), QStringLiteral("answer"), Category::CorrectAnswer}));
    }
}

qint64 TestAuditAnchor::newestSeq()
{
    return TestBackend::scalar(*m_db, QStringLiteral("SELECT max(seq) FROM %1").arg(AuditTamper::table(*m_db)))
        .toLongLong();
}

void TestAuditAnchor::anchorNamesTheNewestEvent()
{
    const auto anchor = AuditAnchor::take(*m_db);
    QVERIFY2(anchor, qPrintable(anchor ? QString() : anchor.error().message));
    QCOMPARE(anchor->seq, 6); // user-add and five awards
    QCOMPARE(
        anchor->hash,
        TestBackend::scalar(*m_db, QStringLiteral("SELECT hash FROM %1 WHERE seq = 6").arg(AuditTamper::table(*m_db)))
            .toString());
    QCOMPARE(
        anchor->chainId,
        TestBackend::scalar(*m_db, QStringLiteral("SELECT hash FROM %1 WHERE seq = 1").arg(AuditTamper::table(*m_db)))
            .toString());
    QVERIFY(anchor->takenAt.isValid());
    QVERIFY(!anchor->database.isEmpty());
    QCOMPARE(anchor->database, m_spec.displayName());
}

void TestAuditAnchor::anchorHoldsWhileTheLogGrows()
{
    const auto anchor = AuditAnchor::take(*m_db);
    QVERIFY(anchor);
    award(3);
    const auto check = AuditAnchorCheck(*m_db).check(*anchor);
    QVERIFY2(check, qPrintable(check ? QString() : check.error().message));
    QVERIFY2(check->ok(), qPrintable(check->problem));
    QCOMPARE(check->newestSeq, 9);
    QVERIFY(check->summary().contains(QLatin1String("events 7 to 9 were added")));
}

void TestAuditAnchor::removedTailIsFoundThoughTheChainIsIntact()
{
    award(2); // events 7, 8
    const auto anchor = AuditAnchor::take(*m_db);
    QVERIFY(anchor);
    QCOMPARE(anchor->seq, 8);
    // The owner deletes the two newest events: what is left is a perfect chain.
    QVERIFY(AuditTamper::truncateFrom(*m_db, 7));
    QCOMPARE(newestSeq(), 6);
    const auto verified = Verifier(*m_db).verify();
    QVERIFY(verified);
    QVERIFY2(!verified->brokenSeq, "the chain alone cannot see a removed tail");

    const auto check = AuditAnchorCheck(*m_db).check(*anchor);
    QVERIFY(check);
    QVERIFY(!check->ok());
    QCOMPARE(check->brokenSeq, std::optional<qint64>(7));
    QCOMPARE(check->newestSeq, 6);
    QVERIFY2(check->problem.contains(QLatin1String("events 7 to 8 are missing")), qPrintable(check->problem));
    QVERIFY2(check->problem.contains(QLatin1String("ends at event 6")), qPrintable(check->problem));
}

void TestAuditAnchor::rewrittenLogIsFound()
{
    const auto anchor = AuditAnchor::take(*m_db);
    QVERIFY(anchor);
    // Remove the tail and append an event in its place with a correct hash: the chain is
    // intact again, the anchored event is not the same.
    QVERIFY(AuditTamper::truncateFrom(*m_db, 6));
    award(1);
    QCOMPARE(newestSeq(), 6);
    const auto verified = Verifier(*m_db).verify();
    QVERIFY(verified);
    QVERIFY(!verified->brokenSeq);
    const auto check = AuditAnchorCheck(*m_db).check(*anchor);
    QVERIFY(check);
    QVERIFY(!check->ok());
    QCOMPARE(check->brokenSeq, std::optional<qint64>(6));
    QVERIFY2(check->problem.contains(QLatin1String("no longer has the hash")), qPrintable(check->problem));
}

void TestAuditAnchor::anchorOfAnotherLedgerIsNamed()
{
    auto anchor = AuditAnchor::take(*m_db);
    QVERIFY(anchor);
    anchor->chainId = QString(64, QLatin1Char('a'));
    anchor->hash = QString(64, QLatin1Char('b'));
    anchor->database = QStringLiteral("postgresql://alice@elsewhere/ledger");
    const auto check = AuditAnchorCheck(*m_db).check(*anchor);
    QVERIFY(check);
    QVERIFY(!check->ok());
    QVERIFY2(check->problem.contains(QLatin1String("does not belong to this audit log")), qPrintable(check->problem));
    QVERIFY(check->problem.contains(QLatin1String("elsewhere")));
}

void TestAuditAnchor::emptyLogAnchorHoldsAndAnEmptiedLogDoesNot()
{
    AuditAnchor empty;
    empty.hash = AuditLog::genesisHash();
    const auto grows = AuditAnchorCheck(*m_db).check(empty);
    QVERIFY(grows);
    QVERIFY(grows->ok());

    const auto anchor = AuditAnchor::take(*m_db);
    QVERIFY(anchor);
    QVERIFY(AuditTamper::run(*m_db, QStringLiteral("DELETE FROM %1").arg(AuditTamper::table(*m_db))));
    const auto check = AuditAnchorCheck(*m_db).check(*anchor);
    QVERIFY(check);
    QVERIFY(!check->ok());
    QCOMPARE(check->brokenSeq, std::optional<qint64>(1));
    QVERIFY2(check->problem.contains(QLatin1String("log is empty")), qPrintable(check->problem));
}

void TestAuditAnchor::fileRoundTripsAndDamageIsReported()
{
    const auto anchor = AuditAnchor::take(*m_db);
    QVERIFY(anchor);
    const QString file = m_dir.filePath(QStringLiteral("anchor.json"));
    QVERIFY(anchor->save(file));
    const auto loaded = AuditAnchor::load(file);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().message));
    QCOMPARE(loaded->seq, anchor->seq);
    QCOMPARE(loaded->hash, anchor->hash);
    QCOMPARE(loaded->chainId, anchor->chainId);
    QCOMPARE(loaded->takenAt, anchor->takenAt);
    QCOMPARE(loaded->database, anchor->database);

    // A hand-edited hash is refused with the file's name, not compared.
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonObject json = QJsonDocument::fromJson(f.readAll()).object();
    f.close();
    json.insert(QStringLiteral("hash"), QStringLiteral("not-a-hash"));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QJsonDocument(json).toJson());
    f.close();
    const auto damaged = AuditAnchor::load(file);
    QVERIFY(!damaged);
    QCOMPARE(damaged.error().kind, Error::Kind::Input);
    QVERIFY(damaged.error().message.contains(file));

    const auto missing = AuditAnchor::load(m_dir.filePath(QStringLiteral("none.json")));
    QVERIFY(!missing);
    QVERIFY(missing.error().message.contains(QLatin1String("none.json")));

    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("{\"seq\": 3}");
    f.close();
    const auto foreign = AuditAnchor::load(file);
    QVERIFY(!foreign);
    QVERIFY(foreign.error().message.contains(QLatin1String("not an audit anchor")));
}

QTEST_GUILESS_MAIN(TestAuditAnchor)
#include "TestAuditAnchor.moc"
