#include "tests/benchmarks/ModelProbe.h"

#include "core/session/LedgerSession.h"
#include "models/HistoryModel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace {

// Bytes in use on the heap, every thread's arena included.
qint64 heapInUse()
{
#ifdef __GLIBC__
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
#else
    return -1;
#endif
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

ModelProbe::ModelProbe(const ConnectionSpec &spec) : m_spec(spec) { }

ModelProbe::~ModelProbe()
{
    m_model.reset();
    m_session.reset();
}

bool ModelProbe::waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    // Sleeps until the worker posts its result, as a window's event loop does. processEvents()
    // with a time limit does not sleep (Qt drops WaitForMoreEvents there): the probe used to spin
    // on one of the two cores while the worker read. The tick only wakes it to see the clock.
    QTimer tick;
    tick.start(100);
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

Status ModelProbe::waitIdle(HistoryModel &model)
{
    if (!waitFor([&] { return !model.isLoading() && m_counted; }))
        return Error::database(QStringLiteral("the history model did not finish loading within two minutes"));
    if (!m_failure.isEmpty())
        return Error::database(m_failure);
    return {};
}

Status ModelProbe::open()
{
    m_session = std::make_unique<LedgerSession>(m_spec, QStringLiteral("xpadmin-bench"));
    bool opened = false;
    Status status;
    m_session->open(this, [&](const Status &s) {
        status = s;
        opened = true;
    });
    if (!waitFor([&] { return opened; }))
        return Error::database(QStringLiteral("the session did not open within two minutes"));
    if (!status)
        return status;
    return newModel();
}

Status ModelProbe::newModel()
{
    m_counted = false;
    m_model = std::make_unique<HistoryModel>(m_session.get());
    connect(m_model.get(), &HistoryModel::loadFailed, this, [this](const QString &message) { m_failure = message; });
    connect(m_model.get(), &HistoryModel::countReady, this, [this] { m_counted = true; });
    return waitIdle(*m_model);
}

Result<double> ModelProbe::show(const HistoryFilter &filter, Qt::SortOrder order)
{
    if (m_model->sortOrder() != order) {
        m_counted = false;
        m_model->sort(HistoryModel::Time, order);
        if (const Status s = waitIdle(*m_model); !s)
            return s.error();
    }
    m_counted = false;
    QElapsedTimer timer;
    timer.start();
    m_model->setFilter(filter);
    if (!waitFor([&] { return !m_model->isLoading(); }))
        return Error::database(QStringLiteral("the first page did not arrive within two minutes"));
    const double ms = msSince(timer);
    if (m_model->rowCount() == 0)
        return Error::database(QStringLiteral("the model shows no rows for this filter"));
    // The count runs on the other worker; the next measurement starts when it is done.
    if (const Status s = waitIdle(*m_model); !s)
        return s.error();
    return ms;
}

Result<WalkResult> ModelProbe::walk(qint64 rows, int maxRows)
{
    m_model.reset();
    WalkResult result;
    QElapsedTimer total;
    total.start();
    auto model = std::make_unique<HistoryModel>(m_session.get());
    model->setMaxRows(maxRows);
    QString failure;
    connect(model.get(), &HistoryModel::loadFailed, this, [&failure](const QString &message) { failure = message; });
    if (!waitFor([&] { return !model->isLoading(); }))
        return Error::database(QStringLiteral("the first page did not arrive within two minutes"));
    while (model->rowCount() + model->releasedRows() < rows && model->canFetchMore({})) {
        QElapsedTimer fetch;
        fetch.start();
        model->fetchMore({});
        if (!waitFor([&] { return !model->isLoading(); }))
            return Error::database(QStringLiteral("a page did not arrive within two minutes"));
        result.fetchMs.add(msSince(fetch));
        if (!failure.isEmpty())
            return Error::database(failure);
    }
    result.ms = msSince(total);
    result.rowsFetched = model->rowCount() + model->releasedRows();
    result.rowsHeld = model->rowCount();
    // What the model holds is what its destruction gives back (the workers' own caches stay).
    const qint64 heapWithModel = heapInUse();
    model.reset();
    result.heapBytesHeld = heapWithModel - heapInUse();
    // The probe's own model again, for later figures.
    if (const Status s = newModel(); !s)
        return s.error();
    return result;
}
