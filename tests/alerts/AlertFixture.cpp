#include "tests/alerts/AlertFixture.h"

#include "core/alerts/AlertCheck.h"
#include "core/audit/AuditLog.h"
#include "core/domain/Cuid.h"
#include "core/domain/JsonText.h"
#include "core/domain/Timestamp.h"
#include "core/ledger/ApprovalGate.h"
#include "core/ledger/Ledger.h"
#include "core/users/Users.h"

#include <QJsonObject>
#include <QTest>

void AlertFixture::openDatabase()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    QVERIFY(Users(*m_db).add(QStringLiteral("bob"), QStringLiteral("bob@example.com"), QStringLiteral("Bob Smith")));
    QVERIFY(Users(*m_db).add(QStringLiteral("ann"), QStringLiteral("ann@example.com"), {}));
    QVERIFY(ApprovalGate(*m_db).setThreshold(std::nullopt));
}

void AlertFixture::closeDatabase()
{
    m_db.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

qint64 AlertFixture::lastSeq()
{
    return TestBackend::scalar(*m_db,
                               QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM %1")
                                   .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))))
        .toLongLong();
}

QList<AuditEvent> AlertFixture::eventsAfter(qint64 seq)
{
    auto page = AuditLog(*m_db).page(seq, 100000);
    if (!page) {
        qWarning("%s", qPrintable(page.error().message));
        return {};
    }
    return *page;
}

QList<AuditEvent> AlertFixture::adjust(qint64 amount, const QString &userId)
{
    const qint64 before = lastSeq();
    auto change = Ledger(*m_db).adjust(userId, amount, QStringLiteral("test"));
    if (!change)
        qWarning("%s", qPrintable(change.error().message));
    return eventsAfter(before);
}

QList<AuditEvent> AlertFixture::appendAs(const QString &actor, const QDateTime &at, QList<AuditEvent> events)
{
    const qint64 before = lastSeq();
    const Status status = m_db->writeTransaction([&]() -> Status {
        AuditLog log(*m_db);
        auto tail = log.tail();
        if (!tail)
            return tail.error();
        tail->actor = actor;
        tail->operatorName = QStringLiteral("psql");
        tail->at = at;
        tail->atText = Timestamp::toSql(at);
        AuditLog::seal(events, *tail);
        return log.write(events);
    });
    if (!status)
        qWarning("%s", qPrintable(status.error().message));
    return eventsAfter(before);
}

AuditEvent AlertFixture::rowEvent(const QString &action, qint64 amount, const QString &userId)
{
    AuditEvent event;
    event.action = action;
    event.operationId = Cuid::generate();
    event.reason = QStringLiteral("captured by the database");
    event.userId = userId;
    event.xpId = Cuid::generate();
    event.amount = amount;
    event.snapshot = JsonText::compact(QJsonObject{{QStringLiteral("origin"), QStringLiteral("database")},
                                                   {QStringLiteral("role"), QStringLiteral("web_app")},
                                                   {QStringLiteral("application"), QStringLiteral("psql")},
                                                   {QStringLiteral("amount"), amount},
                                                   {QStringLiteral("userId"), userId}});
    return event;
}

AuditEvent AlertFixture::totalEvent(bool direct, qint64 before, qint64 after, const QString &userId)
{
    AuditEvent event;
    event.action = QStringLiteral("db-total");
    event.operationId = Cuid::generate();
    event.reason = QStringLiteral("captured by the database");
    event.userId = userId;
    event.amount = after;
    event.snapshot = JsonText::compact(QJsonObject{{QStringLiteral("origin"), QStringLiteral("database")},
                                                   {QStringLiteral("direct"), direct},
                                                   {QStringLiteral("role"), QStringLiteral("app")},
                                                   {QStringLiteral("application"), QStringLiteral("psql")},
                                                   {QStringLiteral("client"), QStringLiteral("local")},
                                                   {QStringLiteral("txid"), QStringLiteral("4711")},
                                                   {QStringLiteral("totalXP_before"), before},
                                                   {QStringLiteral("totalXP_after"), after}});
    return event;
}

QList<Alert> AlertFixture::check(const AlertRules &rules, const QList<AuditEvent> &events)
{
    auto alerts = AlertCheck(*m_db, rules).check(events);
    if (!alerts) {
        qWarning("%s", qPrintable(alerts.error().message));
        return {};
    }
    return *alerts;
}

qint64 AlertFixture::auditCount(const QString &action)
{
    return TestBackend::scalar(*m_db,
                               QStringLiteral("SELECT count(*) FROM %1 WHERE action = :a")
                                   .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))),
                               {{QStringLiteral(":a"), action}})
        .toLongLong();
}
