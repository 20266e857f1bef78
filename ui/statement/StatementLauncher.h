#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

class LedgerSession;
class QAction;
class QWidget;
class StatementWindow;

// Opens the statement of the current user (Ledger > Statement…, Ctrl+Shift+S, and the context
// menus of the users list and the history): a window per user, beside the main window, raised
// again when asked for a second time.
class StatementLauncher final : public QObject
{
    Q_OBJECT

public:
    using SessionSource = std::function<LedgerSession *()>;
    using UserSource = std::function<QString()>;

    // window: the windows' parent; session and currentUser say, when asked, what to open.
    StatementLauncher(QWidget *window, SessionSource session, UserSource currentUser);

    QAction *action() const { return m_action; }
    // Enabled when a database is open and a user is chosen.
    void update();
    // The user's statement window, opened or brought to the front.
    StatementWindow *open(const QString &userId);
    // Closes every statement window (before the session they read goes away).
    void closeAll();
    QList<StatementWindow *> windows() const;

private:
    QWidget *m_window;
    SessionSource m_session;
    UserSource m_currentUser;
    QAction *m_action;
    QList<QPointer<StatementWindow>> m_windows;
};
