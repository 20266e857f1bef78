#include "ui/statement/StatementLauncher.h"

#include "ui/statement/StatementWindow.h"

#include <QAction>
#include <QWidget>

StatementLauncher::StatementLauncher(QWidget *window, SessionSource session, UserSource currentUser)
    : QObject(window),
      m_window(window),
      m_session(std::move(session)),
      m_currentUser(std::move(currentUser)),
      m_action(new QAction(tr("S&tatement…"), window))
{
    m_action->setObjectName(QStringLiteral("actionStatement"));
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_action->setStatusTip(tr("Show the selected user's statement: every change over a period, with the balance "
                              "after it, to save as PDF or CSV or to print"));
    connect(m_action, &QAction::triggered, this, [this] {
        const QString userId = m_currentUser();
        if (!userId.isEmpty())
            open(userId);
    });
    update();
}

void StatementLauncher::update()
{
    m_action->setEnabled(m_session() != nullptr && !m_currentUser().isEmpty());
}

QList<StatementWindow *> StatementLauncher::windows() const
{
    QList<StatementWindow *> open;
    for (const QPointer<StatementWindow> &window : m_windows)
        if (window)
            open << window;
    return open;
}

StatementWindow *StatementLauncher::open(const QString &userId)
{
    LedgerSession *session = m_session();
    if (!session || userId.isEmpty())
        return nullptr;
    m_windows.removeAll(nullptr);
    for (StatementWindow *window : windows()) {
        if (window->userId() == userId && window->session() == session) {
            window->showNormal();
            window->raise();
            window->activateWindow();
            return window;
        }
    }
    auto *window = new StatementWindow(session, userId, m_window);
    m_windows << window;
    window->show();
    return window;
}

void StatementLauncher::closeAll()
{
    // Deleted at once, not later: the session they hold may go right after.
    for (StatementWindow *window : windows()) {
        window->close();
        delete window;
    }
    m_windows.clear();
}
