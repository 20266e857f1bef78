#pragma once

#include "core/alerts/Alert.h"
#include "core/alerts/AlertRules.h"
#include "tests/support/TestBackend.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

// What the alert tests share: a fresh database per test with users bob ("Bob Smith") and ann
// (an email only), approval off so that every adjustment applies, and audit events appended as
// another actor at a chosen time, as the capture triggers' events will be.
class AlertFixture
{
protected:
    void openDatabase();
    void closeDatabase();

    // The seq of the newest event.
    qint64 lastSeq();
    // The events after seq, oldest first.
    QList<AuditEvent> eventsAfter(qint64 seq);
    // Adjusts bob's XP through the ledger; returns the new events.
    QList<AuditEvent> adjust(qint64 amount, const QString &userId = QStringLiteral("bob"));
    // Appends events as actor at the time given (each event: action, user, amount, snapshot), in
    // one transaction; returns them as stored.
    QList<AuditEvent> appendAs(const QString &actor, const QDateTime &at, QList<AuditEvent> events);
    // A row event as a desk's ("adjust") or the database's ("db-insert") of amount for user.
    static AuditEvent rowEvent(const QString &action, qint64 amount, const QString &userId = QStringLiteral("bob"));
    // A captured "db-total" of user, direct or not, from before to after.
    static AuditEvent totalEvent(bool direct, qint64 before, qint64 after,
                                 const QString &userId = QStringLiteral("bob"));
    // The alerts the events raise under rules.
    QList<Alert> check(const AlertRules &rules, const QList<AuditEvent> &events);
    qint64 auditCount(const QString &action);

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
};
