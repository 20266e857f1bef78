#include "ui/alerts/AlertCenter.h"

#include "core/alerts/AlertJobs.h"
#include "core/session/LedgerSession.h"
#include "models/AlertListModel.h"
#include "ui/alerts/AlertBar.h"
#include "ui/alerts/AlertRulesDialog.h"
#include "ui/alerts/AlertsPanel.h"

#include <QAction>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QMainWindow>
#include <QTableView>
#include <QToolBar>

AlertCenter::AlertCenter(QMainWindow *window)
    : QObject(window),
      m_window(window),
      m_model(new AlertListModel(this)),
      m_dock(new QDockWidget(tr("Alerts"), window)),
      m_panel(new AlertsPanel(m_model, m_dock)),
      m_barArea(new QToolBar(tr("New Alerts"), window)),
      m_bar(new AlertBar(m_barArea)),
      m_viewAction(new QAction(tr("Aler&ts"), window)),
      m_rulesAction(new QAction(tr("Alert R&ules…"), window))
{
    m_dock->setObjectName(QStringLiteral("alertsDock"));
    m_dock->setWidget(m_panel);
    m_dock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    m_dock->hide();

    // The bar sits in a toolbar line of its own under the Ledger toolbar: at the top, and the
    // window's layout stays as it is.
    m_barArea->setObjectName(QStringLiteral("alertBarArea"));
    m_barArea->setMovable(false);
    m_barArea->setFloatable(false);
    m_barArea->toggleViewAction()->setVisible(false);
    m_barArea->addWidget(m_bar);
    m_barArea->hide();

    m_viewAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_5));
    m_viewAction->setStatusTip(tr("Show the alerts raised while this window is open"));
    m_rulesAction->setStatusTip(tr("The rules that raise alerts: a large change, many changes in an hour, a total "
                                   "changed in the database"));
    connect(m_viewAction, &QAction::triggered, this, &AlertCenter::showAlerts);
    connect(m_rulesAction, &QAction::triggered, this, &AlertCenter::editRules);
    connect(m_bar, &AlertBar::showRequested, this, &AlertCenter::showAlerts);
    connect(m_bar, &AlertBar::dismissed, this, &AlertCenter::hideBar);
    connect(m_panel, &AlertsPanel::userRequested, this, &AlertCenter::userRequested);
    connect(m_panel, &AlertsPanel::eventRequested, this, &AlertCenter::eventRequested);
    connect(m_model, &AlertListModel::unseenChanged, this, &AlertCenter::updateCount);
    connect(m_dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            m_model->markSeen();
    });
    m_panel->setSummary(tr("Alerts raised while this window is open, newest first. The rules are in Ledger > Alert "
                           "Rules…"));
    setSession(nullptr);
}

void AlertCenter::setSession(LedgerSession *session)
{
    m_session = session;
    m_model->clear();
    hideBar();
    m_viewAction->setEnabled(session != nullptr);
    m_rulesAction->setEnabled(session != nullptr);
    updateCount();
}

void AlertCenter::setRulesRefusal(const QString &refusal)
{
    m_rulesRefusal = refusal;
    m_rulesAction->setToolTip(refusal.isEmpty() ? tr("Show and change the alert rules")
                                                : tr("Show the alert rules. %1.").arg(refusal));
}

void AlertCenter::showBar()
{
    // Placed when first needed: under the toolbars the menus made, and never restored from a
    // saved window state, since its alerts were of another run.
    if (!m_barPlaced) {
        m_window->addToolBarBreak(Qt::TopToolBarArea);
        m_window->addToolBar(Qt::TopToolBarArea, m_barArea);
        m_barPlaced = true;
    }
    m_barArea->show();
}

void AlertCenter::hideBar()
{
    m_sinceDismissed = 0;
    m_barArea->hide();
}

void AlertCenter::addEvents(const QList<AuditEvent> &events)
{
    if (!m_session || events.isEmpty())
        return;
    // Checked in the order handed in: the background worker runs its jobs one after another.
    m_session->background()->post<QList<Alert>>(
        this, AlertJobs::check(events), [this, session = m_session](const Result<QList<Alert>> &alerts) {
            if (session != m_session)
                return; // another database was opened meanwhile
            if (!alerts) {
                emit statusMessage(tr("New changes could not be checked for alerts: %1").arg(alerts.error().message));
                emit checked(0);
                return;
            }
            if (!alerts->isEmpty()) {
                m_model->add(*alerts);
                if (!m_dock->isVisible() || !m_panel->isVisible()) {
                    m_sinceDismissed += int(alerts->size());
                    m_bar->setAlerts(m_sinceDismissed, alerts->constLast().sentence);
                    showBar();
                } else {
                    m_model->markSeen();
                }
            }
            emit checked(int(alerts->size()));
        });
}

void AlertCenter::showAlerts()
{
    m_dock->show();
    m_dock->raise();
    hideBar();
    m_model->markSeen();
    QTableView *table = m_panel->table();
    table->setFocus();
    if (m_model->rowCount() > 0 && !table->selectionModel()->hasSelection())
        table->selectRow(0);
}

void AlertCenter::editRules()
{
    if (!m_session)
        return;
    auto *dialog = new AlertRulesDialog(m_session, m_rulesRefusal, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AlertRulesDialog::saved, this, &AlertCenter::statusMessage);
    dialog->open();
}

void AlertCenter::updateCount()
{
    const int unseen = m_model->unseen();
    m_viewAction->setText(unseen > 0 ? tr("Aler&ts (%1)").arg(unseen) : tr("Aler&ts"));
    m_dock->setWindowTitle(unseen > 0 ? tr("Alerts (%1 new)").arg(unseen) : tr("Alerts"));
}
