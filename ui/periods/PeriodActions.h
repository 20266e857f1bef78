#pragma once

#include <QObject>
#include <QString>

class LedgerSession;
class QAction;
class QWidget;

// Ledger > Close Period… and Reopen Period… (an admin's): each opens a PeriodDialog on the session.
// A role that may not close sees the dialog read-only with the reason, as the other actions do.
class PeriodActions final : public QObject
{
    Q_OBJECT

public:
    explicit PeriodActions(QWidget *window);

    QAction *closeAction() const { return m_close; }
    QAction *reopenAction() const { return m_reopen; }
    void setSession(LedgerSession *session);
    // Why the connected role may not close or reopen (RoleIndicator::refusal), or empty.
    void setRefusal(const QString &refusal);

signals:
    void statusMessage(const QString &message);

private:
    void open(bool closing);

    QWidget *m_window;
    QAction *m_close;
    QAction *m_reopen;
    LedgerSession *m_session = nullptr;
    QString m_refusal;
};
