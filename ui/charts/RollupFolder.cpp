#include "ui/charts/RollupFolder.h"

#include "core/charts/ChartJobs.h"
#include "core/session/DatabaseWorker.h"
#include "core/session/LedgerSession.h"

RollupFolder::RollupFolder(LedgerSession *session, DatabaseWorker *reader, QObject *parent)
    : QObject(parent), m_session(session), m_reader(reader)
{ }

void RollupFolder::request()
{
    if (m_busy || m_session->spec().backend != ConnectionSpec::Backend::Postgres)
        return;
    m_busy = true;
    m_reader->postRead<bool>(this, ChartJobs::rollupsToFold(), [this](const Result<bool> &wanted) {
        if (!wanted || !*wanted) {
            m_busy = false;
            return;
        }
        // A fold that failed leaves the rollups as exact as before.
        m_session->background()->post<bool>(this, ChartJobs::foldRollups(),
                                            [this](const Result<bool> &) { m_busy = false; });
    });
}
