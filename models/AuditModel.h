#pragma once

#include "core/audit/AuditEventMetaType.h"
#include "core/audit/AuditQuery.h"

#include <QAbstractTableModel>
#include <QList>

#include <optional>

class LedgerSession;

// The audit log as a table, newest event first. Rows are read on the session's interactive
// worker, a page of 500 at a time (canFetchMore/fetchMore with keyset paging on seq), so the
// model never holds more than what was scrolled to. Results that arrive after a reset are
// dropped (generation counter). When the ledger changes, the new events are read and inserted
// at the top, keeping what is loaded and selected.
class AuditModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Seq, When, Actor, Action, User, Transaction, Amount, Reason, ColumnCount };
    enum Role {
        RawValueRole = Qt::UserRole + 1, // seq, at (UTC QDateTime), actor, action code, ids, amount (or null), reason
        EventRole // the whole AuditEvent
    };
    static constexpr int PageSize = 500;

    explicit AuditModel(LedgerSession *session, QObject *parent = nullptr);

    const AuditFilter &filter() const { return m_filter; }
    // Shows the events the filter matches, from the newest; loads the first page.
    void setFilter(const AuditFilter &filter);
    // Reads everything again from the newest event (F5; after a change made elsewhere).
    void reload();

    // Reads the events newer than the top row and inserts them there, keeping what is loaded and
    // selected (after a change of the ledger; done at once for this window's own changes).
    void loadNewer();

    AuditEvent eventAt(int row) const;
    // The row of a loaded event, or -1.
    int rowOfSeq(qint64 seq) const;
    // Makes the event a loaded row, then emits located(row); emits notFound(seq) when the filter
    // does not show it. An event at most locateLoadLimit() rows below the loaded ones is reached by
    // loading the rows down to it; one further down restarts the list just above it
    // (AuditFilter::maxSeq), so a jump to event 3 of ten million stays one page.
    void locate(qint64 seq);
    int locateLoadLimit() const { return m_locateLoadLimit; }
    void setLocateLoadLimit(int rows) { m_locateLoadLimit = rows; }

    bool isLoading() const { return m_fetching || m_loadingNewer; }
    // The number of events the filter matches, once counted.
    std::optional<qint64> totalCount() const { return m_total; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // The person who acted: the operator, else the login (both in the tooltip).
    static QString actorText(const AuditEvent &event);
    // "+1,250", "-30", or empty.
    static QString amountText(const AuditEvent &event);
    // Whether the action removes rows (its amount is the removed row's, not a change).
    static bool isRemoval(const QString &action);

signals:
    void filterChanged(const AuditFilter &filter);
    void loadingChanged(bool loading);
    void totalCountChanged(qint64 count);
    void located(int row);
    void notFound(qint64 seq);
    // A page could not be read; message says what and that nothing was changed.
    void loadFailed(const QString &message);

private:
    void startReset();
    void fetchPage(int limit);
    void countTotal();
    void resolveLocate();
    void setLoading(bool fetching, bool loadingNewer);
    QVariant displayValue(const AuditEvent &event, int column) const;
    QVariant rawValue(const AuditEvent &event, int column) const;
    QVariant amountToolTip(const AuditEvent &event) const;

    LedgerSession *m_session;
    AuditFilter m_filter;
    QList<AuditEvent> m_events;
    quint64 m_generation = 0;
    bool m_atEnd = false;
    bool m_fetching = false; // a page (or a locate probe) is on its way
    bool m_loadingNewer = false;
    bool m_newerWanted = false; // the ledger changed while a load was on its way
    std::optional<qint64> m_total;
    std::optional<qint64> m_pendingLocate;
    int m_locateLoadLimit = 20000;
};
