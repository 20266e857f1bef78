// Not a test: drives the real window on a (big) database as a person would, and measures how
// long the event loop is ever blocked. Exit status 1 when any stall exceeds the limit.
//   main_responsiveness DATABASE [--limit-ms 100]   (on a display, or QT_QPA_PLATFORM=offscreen)
#include "models/HistoryModel.h"
#include "models/UsersModel.h"
#include "ui/charts/ChartRangeBar.h"
#include "ui/charts/ChartsView.h"
#include "ui/history/HistoryView.h"
#include "ui/main/MainWindow.h"
#include "ui/users/UsersPane.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QTabWidget>
#include <QTest>
#include <QTimer>

#include <cstdio>
#include <functional>

namespace {

// Ticks every few milliseconds; a tick that comes late measures how long the loop was blocked.
class StallWatcher final : public QObject
{
public:
    StallWatcher()
    {
        m_clock.start();
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.elapsed();
            m_stepMax = std::max(m_stepMax, now - m_last);
            m_last = now;
        });
        m_timer.start();
    }
    void beginStep()
    {
        m_stepMax = 0;
        m_last = m_clock.elapsed();
    }
    qint64 stepMax() const { return m_stepMax; }

private:
    QElapsedTimer m_clock;
    QTimer m_timer;
    qint64 m_last = 0;
    qint64 m_stepMax = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("xpadmin-responsiveness"));
    const QStringList arguments = QApplication::arguments();
    if (arguments.size() < 2) {
        std::fprintf(stderr, "usage: main_responsiveness DATABASE [--limit-ms N]\n");
        return 2;
    }
    const qint64 limitMs = arguments.contains(QStringLiteral("--limit-ms"))
        ? arguments.value(arguments.indexOf(QStringLiteral("--limit-ms")) + 1).toLongLong()
        : 100;
    const auto spec = ConnectionSpec::parse(arguments.at(1));
    if (!spec) {
        std::fprintf(stderr, "%s\n", qPrintable(spec.error().message));
        return 2;
    }

    MainWindow window(QStringLiteral("responsiveness"));
    window.resize(1440, 900);
    window.show();
    StallWatcher watcher;
    qint64 worst = 0;
    const auto step = [&](const char *name, const std::function<void()> &action, const std::function<bool()> &done) {
        watcher.beginStep();
        QElapsedTimer clock;
        clock.start();
        action();
        bool finished = false;
        while (!(finished = done()) && clock.elapsed() < 180000)
            QTest::qWait(10);
        QTest::qWait(50); // what the result triggers (painting) counts too
        worst = std::max(worst, watcher.stepMax());
        std::printf("%-44s %8lld ms  longest stall %4lld ms%s\n", name, static_cast<long long>(clock.elapsed()),
                    static_cast<long long>(watcher.stepMax()), finished ? "" : "  (timed out)");
        std::fflush(stdout);
    };
    bool opened = false;
    QObject::connect(&window, &MainWindow::databaseOpened, &window, [&](bool) { opened = true; });

    step(
        "open the database", [&] { window.openDatabase(*spec); }, [&] { return opened; });
    UsersPane *users = window.usersPane();
    HistoryView *history = window.historyView();
    ChartsView *charts = window.chartsView();
    if (!users || !history || !charts) {
        std::fprintf(stderr, "the database did not open\n");
        return 3;
    }
    step(
        "list users", [] {}, [&] { return users->model()->rowCount() > 0; });
    step(
        "everyone's history, first page", [] {}, [&] { return history->model()->rowCount() > 0; });
    // The leaderboard's first row: the user with the most XP.
    const QString busiest = users->model()->index(0, 0).data(UsersModel::UserIdRole).toString();
    step(
        "select the busiest user", [&] { users->selectUser(busiest); },
        [&] { return history->filter().userId == busiest && history->model()->rowCount() > 0; });
    const QList<QComboBox *> filters = history->findChildren<QComboBox *>();
    for (QComboBox *combo : filters) {
        for (const int index : {combo->count() - 1, 0}) {
            step(
                qPrintable(QStringLiteral("history filter %1 = %2").arg(combo->objectName(), combo->itemText(index))),
                [&] { combo->setCurrentIndex(index); },
                [&] { return !history->model()->canFetchMore({}) || history->model()->rowCount() > 0; });
        }
    }
    auto *tabs = window.findChild<QTabWidget *>();
    step(
        "show the charts (busiest user)", [&] { tabs->setCurrentWidget(charts); },
        [&] { return charts->hasData() && !charts->isLoading(); });
    const std::pair<ChartRangeBar::Preset, const char *> presets[]
        = {{ChartRangeBar::Preset::Last7Days, "charts, last 7 days"},
           {ChartRangeBar::Preset::Last30Days, "charts, last 30 days"},
           {ChartRangeBar::Preset::LastYear, "charts, last year"},
           {ChartRangeBar::Preset::All, "charts, all time"}};
    for (const auto &[preset, name] : presets)
        step(
            name, [&] { charts->rangeBar()->setPreset(preset); }, [&] { return !charts->isLoading(); });
    step(
        "charts of everyone, all time", [&] { users->selectUser(QString()); },
        [&] { return charts->userId().isEmpty() && !charts->isLoading(); });
    step(
        "charts of everyone, last 30 days", [&] { charts->rangeBar()->setPreset(ChartRangeBar::Preset::Last30Days); },
        [&] { return !charts->isLoading(); });
    std::printf("longest stall of the event loop: %lld ms (limit %lld ms)\n", static_cast<long long>(worst),
                static_cast<long long>(limitMs));
    return worst > limitMs ? 1 : 0;
}
