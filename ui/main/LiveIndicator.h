#pragma once

#include <QLabel>
#include <QPointer>

class LedgerChangeFeed;

// The status bar's word on how the window hears of changes made elsewhere: "Live", "Checking
// every 2 s" (through a transaction pooler), "Live (file)" (SQLite), or that it is not live and
// why; the feed's own sentence in the tooltip. Hidden without a ledger.
class LiveIndicator final : public QLabel
{
    Q_OBJECT

public:
    explicit LiveIndicator(QWidget *parent = nullptr);

    // The feed of the open ledger (null: none). startError: why it could not start, if it did not.
    void setFeed(LedgerChangeFeed *feed, const QString &startError = {});

private:
    void refresh();

    QPointer<LedgerChangeFeed> m_feed;
    QString m_problem;
};
