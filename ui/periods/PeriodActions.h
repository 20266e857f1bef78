#pragma once

#include "core/audit/AuditEvent.h"

#include <QList>
#include <QObject>
#include <QString>

class LedgerSession;
class QAction;
class QLabel;
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
    // For the status bar: "Closed up to 2026-11-30", hidden while nothing is closed.
    QLabel *indicator() const { return m_indicator; }
    void setSession(LedgerSession *session);
    // Why the connected role may not close or reopen (RoleIndicator::refusal), or empty.
    void setRefusal(const QString &refusal);
    // New audit events, made here or at another desk: a close or reopen among them updates the
    // indicator.
    void addEvents(const QList<AuditEvent> &events);

signals:
    void statusMessage(const QString &message);

private:
    void open(bool closing);
    void refresh();

    QWidget *m_window;
    QAction *m_close;
    QAction *m_reopen;
    QLabel *m_indicator;
    LedgerSession *m_session = nullptr;
    QString m_refusal;
};
