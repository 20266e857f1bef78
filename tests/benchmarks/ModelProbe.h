#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/domain/Result.h"
#include "core/history/HistoryQuery.h"
#include "tests/benchmarks/Samples.h"

#include <QObject>

#include <functional>
#include <memory>

class HistoryModel;
class LedgerSession;

// What walking through many rows of history with fetchMore cost.
struct WalkResult
{
    qint64 rowsFetched = 0;
    int rowsHeld = 0; // the model's rowCount() at the end
    double ms = 0;
    Samples fetchMs; // each fetchMore until its rows arrived
    qint64 heapBytesHeld = 0; // released when the model was destroyed
};

// Drives core's HistoryModel the way a view does (setFilter, sort, fetchMore) on a
// LedgerSession of its own, and times each step until its rows have arrived on this thread.
class ModelProbe final : public QObject
{
    Q_OBJECT

public:
    explicit ModelProbe(const ConnectionSpec &spec);
    ~ModelProbe() override;

    // Opens the session (its worker connections) and a model showing everyone, newest first.
    Status open();
    // Shows filter in the given order; the time until the first page is in the model.
    Result<double> show(const HistoryFilter &filter, Qt::SortOrder order = Qt::DescendingOrder);
    // A new model, newest first, fetched with fetchMore until `rows` rows have gone through it.
    Result<WalkResult> walk(qint64 rows, int maxRows);

private:
    // Runs the event loop until done() or the timeout; false on timeout.
    bool waitFor(const std::function<bool()> &done, int timeoutMs = 120000);
    Status waitIdle(HistoryModel &model);
    // A fresh model (everyone, newest first), loaded and counted.
    Status newModel();

    ConnectionSpec m_spec;
    std::unique_ptr<LedgerSession> m_session;
    std::unique_ptr<HistoryModel> m_model;
    QString m_failure; // the model's loadFailed text, if any
    bool m_counted = false;
};
