#pragma once

#include <QFrame>

class LedgerMoment;
class QLabel;
class QPushButton;

// A band across a view while it shows a past moment: "As of 1 March 2026 09:00 — rebuilt from
// the audit log", what a moment before the log cannot prove, and Now to come back. Hidden while
// the view shows today's ledger.
class AsOfBanner final : public QFrame
{
    Q_OBJECT

public:
    AsOfBanner(LedgerMoment *moment, QWidget *parent);

    QString text() const;

private:
    void refresh();
    void applyStyle();

    LedgerMoment *m_moment;
    QLabel *m_text;
    QPushButton *m_now;
};
