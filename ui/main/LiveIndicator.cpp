#include "ui/main/LiveIndicator.h"

#include "core/live/LedgerChangeFeed.h"

LiveIndicator::LiveIndicator(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("liveIndicator"));
    hide();
}

void LiveIndicator::setFeed(LedgerChangeFeed *feed, const QString &startError)
{
    if (m_feed)
        disconnect(m_feed, nullptr, this, nullptr);
    m_feed = feed;
    m_problem = startError;
    if (feed) {
        connect(feed, &LedgerChangeFeed::modeChanged, this, &LiveIndicator::refresh);
        connect(feed, &LedgerChangeFeed::problem, this, [this](const QString &text) {
            m_problem = text;
            refresh();
        });
    }
    refresh();
}

void LiveIndicator::refresh()
{
    setVisible(m_feed != nullptr);
    if (!m_feed)
        return;
    const bool stopped = m_feed->mode() == LedgerChangeFeed::Mode::Stopped;
    if (m_feed->isConnected())
        m_problem.clear(); // back: the feed says changed() for what it may have missed
    if (stopped || !m_feed->isConnected()) {
        setText(stopped ? tr("Not live") : tr("Not live: reconnecting…"));
        const QString why = stopped && !m_problem.isEmpty()
            ? tr("Changes made elsewhere are not shown until you refresh (F5): %1").arg(m_problem)
            : m_feed->modeText();
        setToolTip(m_problem.isEmpty() || stopped ? why : m_problem + QLatin1Char('\n') + why);
        return;
    }
    switch (m_feed->mode()) {
    case LedgerChangeFeed::Mode::Listening:
        setText(tr("Live"));
        break;
    case LedgerChangeFeed::Mode::Polling:
        setText(tr("Checking every %n s", nullptr, std::max(1, m_feed->pollIntervalMs() / 1000)));
        break;
    case LedgerChangeFeed::Mode::FileWatch:
        setText(tr("Live (file)"));
        break;
    case LedgerChangeFeed::Mode::Stopped:
        break;
    }
    setToolTip(m_feed->modeText());
}
