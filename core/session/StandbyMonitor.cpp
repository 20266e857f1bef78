#include "core/session/StandbyMonitor.h"

#include "core/session/DatabaseWorker.h"
#include "core/session/StandbyRoute.h"

StandbyMonitor::StandbyMonitor(ConnectionSpec standby, QString operatorName, QObject *parent)
    : QObject(parent),
      m_spec(std::move(standby)),
      m_operator(std::move(operatorName)),
      m_route(std::make_shared<StandbyRoute>(m_spec))
{
    m_timer.setInterval(DefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { refresh(); });
}

StandbyMonitor::~StandbyMonitor() = default;

void StandbyMonitor::start(const Standby::Identity &primary, QObject *context, std::function<void(const Status &)> done)
{
    m_primary = primary;
    refresh([this, guard = QPointer<QObject>(context), done = std::move(done)](const Status &status) {
        if (status)
            m_timer.start();
        if (guard)
            done(status);
    });
}

void StandbyMonitor::refresh(std::function<void(const Status &)> done)
{
    if (!m_worker)
        m_worker = std::make_unique<DatabaseWorker>(m_spec, m_operator, Database::OpenMode::ReadOnly);
    else if (m_worker->pendingJobs() > 0)
        return; // the last question is still out: a slow standby is not asked twice
    m_worker->post<Answer>(
        this,
        [primary = m_primary, check = !m_checked](Database &db) -> Result<Answer> {
            Answer answer;
            if (check) {
                if (const Status checked = Standby::check(primary, db); !checked)
                    return checked.error();
                answer.checked = true;
            }
            auto replay = Standby::replay(db);
            if (!replay)
                return replay.error();
            answer.replay = *replay;
            return answer;
        },
        [this, done = std::move(done)](const Result<Answer> &answer) {
            if (!answer && answer.error().kind != Error::Kind::Database) {
                // A refusal: the reading never goes there.
                m_route->setUsable(false);
                m_timer.stop();
                if (done)
                    done(answer.error());
                return;
            }
            answered(answer);
            if (done)
                done({});
        });
}

void StandbyMonitor::answered(const Result<Answer> &answer)
{
    if (answer) {
        m_checked = m_checked || answer->checked;
        m_condition = Condition::Reading;
        m_replay = m_route->settle(answer->replay);
        m_problem.clear();
        m_route->setUsable(true);
    } else {
        m_condition = Condition::Unreachable;
        m_problem = answer.error().message;
        m_route->setUsable(false);
        // A connection to a server that went away is not reused: the next question opens anew.
        m_worker.release()->deleteLater();
    }
    emit changed();
}
