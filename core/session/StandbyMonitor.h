#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/db/Standby.h"
#include "core/domain/Result.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

class DatabaseWorker;
class StandbyRoute;

// Watches a session's reading standby from a thread of its own: checks it once it is reached
// (a standby, of the primary's ledger), then asks every few seconds how far behind it is, and
// opens or closes the route the session's reading takes (StandbyRoute) as it comes and goes.
class StandbyMonitor final : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultIntervalMs = 3000;

    enum class Condition {
        Checking, // not reached yet
        Reading, // reached and checked: the reading goes there
        Unreachable // the reading goes to the primary until it is back
    };

    StandbyMonitor(ConnectionSpec standby, QString operatorName, QObject *parent = nullptr);
    ~StandbyMonitor() override;

    const ConnectionSpec &spec() const { return m_spec; }
    std::shared_ptr<StandbyRoute> route() const { return m_route; }

    // Checks the standby against the primary's identity and starts watching. done hears a
    // refusal (not a standby, or of another ledger); a standby that cannot be reached is no
    // refusal: the reading goes to the primary meanwhile.
    void start(const Standby::Identity &primary, QObject *context, std::function<void(const Status &)> done);
    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }

    Condition condition() const { return m_condition; }
    // How far behind the standby was when last asked (Reading).
    const Standby::Replay &replay() const { return m_replay; }
    // Why it could not be reached (Unreachable).
    QString problem() const { return m_problem; }

signals:
    void changed();

private:
    struct Answer
    {
        bool checked = false;
        Standby::Replay replay;
    };
    void refresh(std::function<void(const Status &)> done = {});
    void answered(const Result<Answer> &answer);

    const ConnectionSpec m_spec;
    const QString m_operator;
    std::shared_ptr<StandbyRoute> m_route;
    std::unique_ptr<DatabaseWorker> m_worker;
    QTimer m_timer;
    Standby::Identity m_primary;
    bool m_checked = false;
    Condition m_condition = Condition::Checking;
    Standby::Replay m_replay;
    QString m_problem;
};
