#pragma once

#include "core/audit/AuditEvent.h"

#include <QList>
#include <QObject>
#include <QPointer>

class AlertBar;
class AlertListModel;
class AlertsPanel;
class LedgerSession;
class QAction;
class QDockWidget;
class QMainWindow;
class QToolBar;

// The window's alerts: new audit events handed in by the live feed (addEvents) are checked
// against the database's alert rules on the session's background worker, off the GUI thread;
// each alert goes into the Alerts dock (View > Alerts, with the count of those not seen yet) and
// a dismissible bar at the top says that some came in, without taking the focus. Ledger > Alert
// Rules… shows the rules and lets whoever may set them change them.
class AlertCenter final : public QObject
{
    Q_OBJECT

public:
    // Makes the dock (hidden until asked for; its place is remembered with the window's state),
    // the bar and the two actions. Create before the window restores its state.
    explicit AlertCenter(QMainWindow *window);

    // The database whose events are checked (null: none); the list starts empty.
    void setSession(LedgerSession *session);
    // Why the connected role may not change the rules; empty: it may.
    void setRulesRefusal(const QString &refusal);

    QAction *viewAction() const { return m_viewAction; }
    QAction *rulesAction() const { return m_rulesAction; }
    QDockWidget *dock() const { return m_dock; }
    AlertsPanel *panel() const { return m_panel; }
    AlertBar *bar() const { return m_bar; }
    QToolBar *barArea() const { return m_barArea; }
    AlertListModel *model() const { return m_model; }
    // Hides the bar (after the window restored a state in which it was shown).
    void hideBar();

public slots:
    // New audit events, oldest first, in the order the log has them.
    void addEvents(const QList<AuditEvent> &events);
    // Shows the dock with the focus in the list, and counts every alert as seen.
    void showAlerts();
    // Opens Alert Rules…
    void editRules();

signals:
    void userRequested(const QString &userId);
    void eventRequested(qint64 seq);
    void statusMessage(const QString &message);
    // After each batch was checked (for tests and the screenshot program): the alerts it raised.
    void checked(int alerts);

private:
    void showBar();
    void updateCount();

    QMainWindow *m_window;
    QPointer<LedgerSession> m_session;
    AlertListModel *m_model;
    QDockWidget *m_dock;
    AlertsPanel *m_panel;
    QToolBar *m_barArea;
    AlertBar *m_bar;
    QAction *m_viewAction;
    QAction *m_rulesAction;
    QString m_rulesRefusal;
    int m_sinceDismissed = 0;
    bool m_barPlaced = false;
};
