#pragma once

#include "core/domain/XpTransaction.h"
#include "core/history/HistoryQuery.h"

#include <QObject>

#include <optional>

class HistoryModel;
class QTableView;

// Finds one transaction in the history as it is filtered now, and selects it: loads pages down
// to it, but never more than MaxPages of them; further down, it gives up (tooFar) so that the
// view can narrow the filter instead of reading thousands of rows.
class HistoryLocator final : public QObject
{
    Q_OBJECT

public:
    static constexpr int MaxPages = 40;

    HistoryLocator(HistoryModel *model, QTableView *table, QObject *parent = nullptr);

    // Whether the filter shows the transaction (the text compared as the search does, near enough).
    static bool admits(const HistoryFilter &filter, const XpTransaction &transaction);
    // Starts looking for the transaction; any earlier search stops.
    void locate(const XpTransaction &transaction);
    bool isLocating() const { return m_target.has_value(); }

signals:
    // The transaction is selected and scrolled to.
    void located(int row);
    // The filter does not show it (or it is gone).
    void notFound(const XpTransaction &transaction);
    // It lies more than MaxPages below the rows loaded.
    void tooFar(const XpTransaction &transaction);

private:
    void step();
    // Whether the rows loaded already reach past where the transaction would be.
    bool passed() const;
    void finish();

    HistoryModel *m_model;
    QTableView *m_table;
    std::optional<XpTransaction> m_target;
    int m_pages = 0;
};
