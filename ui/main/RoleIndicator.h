#pragma once

#include "core/roles/ConnectedRole.h"

#include <QObject>
#include <QPointer>

#include <initializer_list>
#include <optional>
#include <utility>

class LedgerSession;
class QAction;
class QLabel;
class QMenu;
class QWidget;

// The window's knowledge of who is connected: reads the role when a database is opened (from
// PostgreSQL, or from the settings for SQLite), shows it in the status bar (marked advisory on
// SQLite), disables the actions the role may not do with a tooltip that says why, and offers
// the SQLite role as a setting.
class RoleIndicator final : public QObject
{
    Q_OBJECT

public:
    explicit RoleIndicator(QWidget *parent);

    // The status bar's label.
    QLabel *label() const { return m_label; }
    // "Role on SQLite Files": Owner (unrestricted), Admin, Support, Auditor; saved in the settings.
    QMenu *createSqliteRoleMenu(QWidget *parent);

    // Reads the role of the session's database (none: no database open).
    void setSession(LedgerSession *session);
    // The role, once read.
    const std::optional<ConnectedRole> &role() const { return m_role; }
    // Whether the role allows it: with a database open, only once its role has been read.
    bool allows(Action action) const;
    // Why the role refuses the action (for a disabled button's tooltip), or empty if it allows it.
    QString refusal(Action action) const;

    // Each action stays enabled only if it was and the role allows it; a refused one says why
    // in its tooltip and status tip.
    void restrict(std::initializer_list<std::pair<QAction *, Action>> actions) const;

signals:
    void roleChanged();

private:
    void show();

    QLabel *m_label;
    QPointer<LedgerSession> m_session;
    std::optional<ConnectedRole> m_role;
    int m_generation = 0; // drops a detection that a newer session or setting superseded
};
