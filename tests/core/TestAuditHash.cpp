#include "audit/AuditLog.h"
#include "domain/Timestamp.h"

#include <QTest>

// The chain's hash is a format other tools can check: SHA-256 over the previous hash and the
// event's canonical bytes, pinned here to values computed outside XP Admin (Python's hashlib).
class TestAuditHash final : public QObject
{
    Q_OBJECT

private slots:
    void canonicalBytesAndHashArePinned();
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

QTEST_GUILESS_MAIN(TestAuditHash)
#include "TestAuditHash.moc"
