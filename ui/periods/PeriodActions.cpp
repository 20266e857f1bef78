#include "ui/periods/PeriodActions.h"

#include "core/periods/PeriodJobs.h"
#include "core/session/LedgerSession.h"
#include "ui/periods/PeriodDialog.h"

#include <QAction>
#include <QLabel>
#include <QWidget>

PeriodActions::PeriodActions(QWidget *window)
    : QObject(window),
      m_window(window),
      m_close(new QAction(tr("Close &Period…"), window)),
      m_reopen(new QAction(tr("Re&open Period…"), window)),
      m_indicator(new QLabel(window))
{
    m_indicator->setObjectName(QStringLiteral("closedPeriodIndicator"));
    m_indicator->hide();
    m_close->setObjectName(QStringLiteral("closePeriodAction"));
    m_reopen->setObjectName(QStringLiteral("reopenPeriodAction"));
    m_close->setStatusTip(tr("Close the ledger up to a day: nothing dated up to then may change, and every user's "
                             "total is kept"));
    m_reopen->setStatusTip(tr("Move the end of the closed period back to an earlier day, with a reason"));
    connect(m_close, &QAction::triggered, this, [this] { open(true); });
    connect(m_reopen, &QAction::triggered, this, [this] { open(false); });
    setSession(nullptr);
    setRefusal({});
}

void PeriodActions::setSession(LedgerSession *session)
{
    m_session = session;
    m_close->setEnabled(session != nullptr);
    m_reopen->setEnabled(session != nullptr);
    refresh();
}

void PeriodActions::addEvents(const QList<AuditEvent> &events)
{
    for (const AuditEvent &event : events) {
        if (event.action.startsWith(QLatin1String("period-"))) {
            refresh();
            return;
        }
    }
}

void PeriodActions::refresh()
{
    if (!m_session) {
        m_indicator->hide();
        return;
    }
    m_session->interactive()->post<PeriodState>(
        m_indicator, PeriodJobs::state(QDate::currentDate(), false), [this](const Result<PeriodState> &state) {
            if (!state || !state->current) {
                m_indicator->hide();
                return;
            }
            const ClosedPeriod &closed = *state->current;
            m_indicator->setText(tr("Closed up to %1").arg(closed.day.toString(Qt::ISODate)));
            m_indicator->setToolTip(tr("Nothing dated up to the end of %1 may change (%2: %3)")
                                        .arg(closed.day.toString(Qt::ISODate), closed.describe(), closed.reason));
            m_indicator->show();
        });
}

void PeriodActions::setRefusal(const QString &refusal)
{
    m_refusal = refusal;
    m_close->setToolTip(refusal.isEmpty() ? tr("Close the ledger up to a day: nothing dated then may change")
                                          : tr("See where the ledger is closed. %1.").arg(refusal));
    m_reopen->setToolTip(refusal.isEmpty() ? tr("Move the end of the closed period back to an earlier day")
                                           : tr("See where the ledger is closed. %1.").arg(refusal));
}

void PeriodActions::open(bool closing)
{
    if (!m_session)
        return;
    auto *dialog = new PeriodDialog(m_session, closing ? PeriodDialog::Mode::Close : PeriodDialog::Mode::Reopen,
                                    m_refusal, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PeriodDialog::changed, this, &PeriodActions::statusMessage);
    connect(dialog, &PeriodDialog::changed, this, &PeriodActions::refresh);
    dialog->open();
}
