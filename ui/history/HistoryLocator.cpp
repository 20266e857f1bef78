#include "ui/history/HistoryLocator.h"

#include "models/HistoryModel.h"

#include <QItemSelectionModel>
#include <QTableView>

HistoryLocator::HistoryLocator(HistoryModel *model, QTableView *table, QObject *parent)
    : QObject(parent), m_model(model), m_table(table)
{
    // Queued: the next page is asked for once the model has finished with the one that came.
    connect(
        m_model, &HistoryModel::loadingChanged, this,
        [this](bool loading) {
            if (!loading)
                step();
        },
        Qt::QueuedConnection);
    // The person changed the filter meanwhile: what they asked for now wins.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        if (m_target && !m_model->isLoading())
            m_target.reset();
    });
}

bool HistoryLocator::admits(const HistoryFilter &f, const XpTransaction &t)
{
    const QString text = f.text.trimmed();
    return (f.userId.isEmpty() || f.userId == t.userId) && (!f.since.isValid() || t.createdAt >= f.since)
        && (!f.until.isValid() || t.createdAt < f.until) && (!f.category || *f.category == t.category)
        && (!f.sourceType || *f.sourceType == t.sourceType)
        && (text.isEmpty() || t.id == text || t.description.contains(text, Qt::CaseInsensitive)
            || t.sourceId.contains(text, Qt::CaseInsensitive));
}

void HistoryLocator::locate(const XpTransaction &transaction)
{
    m_target = transaction;
    m_pages = 0;
    step();
}

bool HistoryLocator::passed() const
{
    const int rows = m_model->rowCount();
    if (rows == 0)
        return false;
    const XpTransaction last = m_model->transaction(rows - 1);
    const auto key = [](const XpTransaction &t) { return std::pair(t.createdAt, t.id); };
    return m_model->order() == HistoryQuery::Order::NewestFirst ? key(last) < key(*m_target)
                                                                : key(*m_target) < key(last);
}

void HistoryLocator::finish()
{
    m_target.reset();
}

void HistoryLocator::step()
{
    if (!m_target || m_model->isLoading())
        return;
    if (const int row = m_model->rowOfId(m_target->id); row >= 0) {
        const QModelIndex index = m_model->index(row, HistoryModel::Time);
        m_table->selectionModel()->setCurrentIndex(index,
                                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(index, QAbstractItemView::PositionAtCenter);
        finish();
        emit located(row);
        return;
    }
    const XpTransaction target = *m_target;
    if (m_model->atEnd() || passed()) {
        finish();
        emit notFound(target);
    } else if (m_pages >= MaxPages) {
        finish();
        emit tooFar(target);
    } else {
        ++m_pages;
        m_model->fetchMore({});
    }
}
