#pragma once

#include "core/domain/XpTransaction.h"
#include "core/session/LedgerSession.h"
#include "tests/support/TestBackend.h"

#include <QWidget>

#include <memory>

// What the action tests share: a fresh ledger with a few users, a session with its workers on
// the same database, a window to parent dialogs, and independent SQL to check the database.
class ActionFixture final
{
public:
    ActionFixture(const ConnectionSpec &spec, std::unique_ptr<Database> db);
    ~ActionFixture();

    Database &db() { return *m_db; }
    LedgerSession *session() { return m_session.get(); }
    QWidget *window() { return m_window.get(); }

    // Adds a user named `name` (email id@example.com).
    bool addUser(const QString &id, const QString &name);
    // An award made by "another desk": this test's own connection, not the session's.
    XpTransaction award(const QString &userId, int amount, const QString &sourceId,
                        SourceType type = SourceType::UserProblemAttempt);

    // Independent SQL.
    qint64 cachedTotal(const QString &userId);
    qint64 rowsOf(const QString &userId);
    qint64 present(const QStringList &ids); // how many of these ids are in "UserXP"
    qint64 auditCount(const QString &action, const QString &xpId = {}, const QString &reason = {});
    QString auditTable() const;
    // A trigger that makes every INSERT or DELETE ("INSERT"/"DELETE") on "UserXP" fail with `message`.
    bool installFailingTrigger(const QString &event, const QString &message);
    bool dropFailingTrigger(const QString &event);

private:
    ConnectionSpec m_spec;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<LedgerSession> m_session;
    std::unique_ptr<QWidget> m_window;
};
