#include "ui/reasons/ReasonTooltip.h"

#include "core/reasons/ReasonJobs.h"
#include "core/session/LedgerSession.h"
#include "models/HistoryModel.h"

#include <QAbstractItemView>
#include <QCursor>
#include <QHelpEvent>
#include <QStringList>
#include <QToolTip>

ReasonTooltip::ReasonTooltip(LedgerSession *session, QAbstractItemView *view)
    : QObject(view), m_session(session), m_view(view)
{
    view->viewport()->installEventFilter(this);
    // A code's label may be changed by an admin: read again after any change.
    connect(session, &LedgerSession::ledgerChanged, this, [this] { m_texts.clear(); });
}

QString ReasonTooltip::text(const ReasonTag &tag, const ReasonCatalog &catalog)
{
    QStringList lines;
    if (!tag.code.isEmpty())
        lines << tr("Reason code: %1").arg(catalog.labelWithCode(tag.code));
    if (!tag.ticket.isEmpty()) {
        const QString link = catalog.ticketLink(tag.ticket);
        lines << (link.isEmpty() || link == tag.ticket ? tr("Ticket: %1").arg(tag.ticket)
                                                       : tr("Ticket: %1 (%2)").arg(tag.ticket, link));
    }
    return lines.join(QLatin1Char('\n'));
}

bool ReasonTooltip::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_view->viewport() || event->type() != QEvent::ToolTip)
        return false;
    const auto *help = static_cast<QHelpEvent *>(event);
    const QModelIndex index = m_view->indexAt(help->pos());
    const auto row = index.data(HistoryModel::TransactionRole).value<XpTransaction>();
    if (!index.isValid() || row.id.isEmpty() || row.sourceType != SourceType::ManualAdjustment)
        return false;
    const auto known = m_texts.constFind(row.id);
    if (known == m_texts.cend()) {
        load(row.id);
        return false; // the cell's own tooltip meanwhile
    }
    if (known->isEmpty())
        return false;
    const QString own = index.data(Qt::ToolTipRole).toString();
    QToolTip::showText(help->globalPos(), own.isEmpty() ? *known : own + QLatin1Char('\n') + *known, m_view->viewport(),
                       m_view->visualRect(index));
    return true;
}

void ReasonTooltip::load(const QString &xpId)
{
    if (m_loading == xpId)
        return;
    m_loading = xpId;
    m_session->interactive()->postRead<ReasonJobs::Tagged>(
        this, ReasonJobs::tagOf(xpId), [this, xpId](const Result<ReasonJobs::Tagged> &tagged) {
            m_loading.clear();
            if (!tagged)
                return; // the cell's own tooltip stays
            const QString tip = text(tagged->tag, tagged->catalog);
            m_texts.insert(xpId, tip);
            // Still over that row: show it now.
            const QPoint pos = m_view->viewport()->mapFromGlobal(QCursor::pos());
            const QModelIndex index = m_view->indexAt(pos);
            if (!tip.isEmpty() && index.data(HistoryModel::TransactionRole).value<XpTransaction>().id == xpId) {
                QHelpEvent again(QEvent::ToolTip, pos, QCursor::pos());
                eventFilter(m_view->viewport(), &again);
            }
        });
}
