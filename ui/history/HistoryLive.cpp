#include "ui/history/HistoryLive.h"

#include "core/history/HistoryJobs.h"
#include "core/session/LedgerSession.h"
#include "models/AuditModel.h"
#include "models/HistoryModel.h"
#include "models/XpFormat.h"
#include "ui/history/NewRowsBar.h"

#include <QItemSelectionModel>
#include <QScrollBar>
#include <QTableView>

namespace {

// What a removal by another desk or by the database is called in the row's tooltip.
QString removalNote(const AuditEvent &event)
{
    const QString who = AuditModel::actorText(event);
    const QString when = XpFormat::localTime(event.at);
    if (event.action == QLatin1String("delete-source"))
        return HistoryLive::tr("Removed since it was read: its source was deleted by %1 at %2").arg(who, when);
    if (event.action == QLatin1String("db-delete"))
        return HistoryLive::tr("Removed since it was read: deleted in the database by %1 at %2").arg(who, when);
    if (event.action == QLatin1String("db-update-before"))
        return HistoryLive::tr("Changed since it was read: updated in the database by %1 at %2 (Show Them reads it "
                               "again)")
            .arg(who, when);
    return HistoryLive::tr("Removed since it was read: rolled back by %1 at %2").arg(who, when);
}

} // namespace

HistoryLive::HistoryLive(LedgerSession *session, HistoryModel *model, QTableView *table, QWidget *barParent)
    : QObject(barParent), m_session(session), m_model(model), m_table(table), m_bar(new NewRowsBar(barParent))
{
    connect(m_bar, &NewRowsBar::showRequested, this, &HistoryLive::showNew);
    // Rows read again: nothing shown is stale any more; what came meanwhile is counted afresh.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_newCount = 0;
        // Once the table and its selection have taken the reset in (they clear the selection).
        QMetaObject::invokeMethod(this, &HistoryLive::restoreSelection, Qt::QueuedConnection);
        updateBar();
        if (m_watching)
            count();
    });
}

void HistoryLive::ledgerChanged()
{
    m_watching = true;
    count();
}

void HistoryLive::count()
{
    if (m_counting) {
        m_countAgain = true;
        return;
    }
    if (!m_model->newerCountable()) {
        m_newCount = 0;
        updateBar();
        return;
    }
    m_counting = true;
    const HistoryFilter filter = m_model->filter();
    const std::optional<HistoryCursor> newest = m_model->newestCursor();
    // On the primary: a standby may not have replayed the change yet.
    m_session->interactive()->post<qint64>(
        this, HistoryJobs::countNewer(filter, newest, Cap), [this, filter, newest](const Result<qint64> &counted) {
            m_counting = false;
            const std::optional<HistoryCursor> now = m_model->newestCursor();
            const bool moved = filter != m_model->filter() || newest.has_value() != now.has_value()
                || (newest && (newest->id != now->id));
            if (std::exchange(m_countAgain, false) || moved) {
                count();
                return;
            }
            if (!counted)
                return; // the next change counts again; the rows shown are what they were
            m_newCount = *counted;
            updateBar();
        });
}

void HistoryLive::noteEvents(const QList<AuditEvent> &events)
{
    QHash<QString, QString> notes;
    for (const AuditEvent &event : events) {
        if (event.xpId.isEmpty())
            continue;
        if (AuditModel::isRemoval(event.action) || event.action == QLatin1String("db-delete")
            || event.action == QLatin1String("db-update-before"))
            notes.insert(event.xpId, removalNote(event));
        else if (event.action == QLatin1String("restore"))
            notes.insert(event.xpId, QString()); // back as it was
    }
    if (notes.isEmpty())
        return;
    m_model->markRemoved(notes);
    updateBar();
}

void HistoryLive::showNew()
{
    m_keepSelected.clear();
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        m_keepSelected << m_model->index(index.row(), HistoryModel::Id).data(HistoryModel::RawValueRole).toString();
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    m_keepCurrent = current.isValid() ? m_model->index(current.row(), HistoryModel::Id).data().toString() : QString();
    if (m_model->order() == HistoryQuery::Order::OldestFirst && m_model->removedCount() == 0) {
        // The new rows belong below the last one: read on, nothing above moves.
        m_keepSelected.clear();
        m_newCount = 0;
        m_model->readOn();
        updateBar();
        return;
    }
    m_model->reload();
}

void HistoryLive::restoreSelection()
{
    if (m_keepSelected.isEmpty() && m_keepCurrent.isEmpty())
        return;
    QItemSelectionModel *selection = m_table->selectionModel();
    QItemSelection wanted;
    for (const QString &id : std::as_const(m_keepSelected)) {
        if (const int row = m_model->rowOfId(id); row >= 0)
            wanted.select(m_model->index(row, 0), m_model->index(row, HistoryModel::ColumnCount - 1));
    }
    const int currentRow = m_model->rowOfId(m_keepCurrent);
    if (currentRow >= 0)
        selection->setCurrentIndex(m_model->index(currentRow, HistoryModel::Time), QItemSelectionModel::NoUpdate);
    selection->select(wanted, QItemSelectionModel::ClearAndSelect);
    m_keepSelected.clear();
    m_keepCurrent.clear();
    // The new rows are at the top: that is what was asked for.
    m_table->verticalScrollBar()->setValue(0);
}

void HistoryLive::updateBar()
{
    m_bar->setCounts(m_newCount, Cap, m_model->removedCount());
    emit countsChanged();
}
