#include "ui/periods/PeriodActions.h"

#include "ui/periods/PeriodDialog.h"

#include <QAction>
#include <QWidget>

PeriodActions::PeriodActions(QWidget *window)
    : QObject(window),
      m_window(window),
      m_close(new QAction(tr("Close &Period…"), window)),
      m_reopen(new QAction(tr("Re&open Period…"), window))
{
    m_close->setObjectName(QStringLiteral("closePeriodAction"));
    m_reopen->setObjectName(QStringLiteral("reopenPeriodAction"));
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
    dialog->open();
}
