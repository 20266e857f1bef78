#include "core/audit/AuditLog.h"
#include "core/domain/Sha256.h"
#include "core/domain/Timestamp.h"

#include <QBuffer>
#include <QTest>

// The chain's hash is a format other tools can check: SHA-256 over the previous hash and the
// event's canonical bytes, pinned here to values computed outside XP Admin (Python's hashlib).
class TestAuditHash final : public QObject
{
    Q_OBJECT

private slots:
    void canonicalBytesAndHashArePinned();
    void fileHashIsTheWholeFiles();
};

void TestAuditHash::canonicalBytesAndHashArePinned()
{
    AuditEvent event;
    event.seq = 7;
    event.at = Timestamp::fromSql(QStringLiteral("2026-12-02 10:11:12.345"));
    event.actor = QStringLiteral("alice");
    event.operatorName = QStringLiteral("Zoë");
    event.action = QStringLiteral("adjust");
    event.operationId = QStringLiteral("op1");
    event.userId = QStringLiteral("u1");
    event.amount = -25;
    event.reason = QStringLiteral("bonus \"x\"");
    event.snapshot = QStringLiteral("{\"a\":1}");

    QCOMPARE(AuditLog::canonical(event),
             QByteArray("1:723:2026-12-02 10:11:12.3455:alice4:Zo\xc3\xab"
                        "6:adjust3:op12:u1-3:-259:bonus \"x\"7:{\"a\":1}"));
    QCOMPARE(AuditLog::computeHash(AuditLog::genesisHash(), event),
             QStringLiteral("c97ed8c6132d4c4de7f250725ba36a804464dd095579436411b596e39c9f0fb5"));
    // Text that is not valid UTF-16 (a lone surrogate) is hashed as QString::toUtf8() writes it.
    AuditEvent broken = event;
    broken.reason = QStringLiteral("a") + QChar(0xD800);
    QVERIFY(AuditLog::canonical(broken).contains(QByteArray("2:a?")));
    // Any field changed changes the hash.
    event.amount = 25;
    QVERIFY(AuditLog::computeHash(AuditLog::genesisHash(), event)
            != QStringLiteral("c97ed8c6132d4c4de7f250725ba36a804464dd095579436411b596e39c9f0fb5"));
}

void TestAuditHash::fileHashIsTheWholeFiles()
{
    // An import file's SHA-256 (what makes importing it twice a no-op), read in 1 MiB pieces:
    // a file of three pieces and a bit, and a tiny one, against Python's hashlib.
    QByteArray content(3000007, 'x');
    QBuffer big(&content);
    QVERIFY(big.open(QIODevice::ReadOnly));
    QCOMPARE(Sha256::hex(big), QStringLiteral("638d3b4a09d324c3c3bb8745423a22ea313a746101dacda95afb5cc4ec5fc1d2"));
    QByteArray abc("abc");
    QBuffer small(&abc);
    QVERIFY(small.open(QIODevice::ReadOnly));
    QCOMPARE(Sha256::hex(small), QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(Sha256::hex({"a", "bc"}), Sha256::hex({abc}));
}

QTEST_GUILESS_MAIN(TestAuditHash)
#include "TestAuditHash.moc"
