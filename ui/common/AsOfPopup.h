#pragma once

#include <QFrame>

class LedgerMoment;
class QDateTimeEdit;
class QPushButton;

// The small window "As of…" opens: a date and time to show the ledger of, Show (Enter) to go
// there, Now to come back to today's ledger; Esc closes it unchanged.
class AsOfPopup final : public QFrame
{
    Q_OBJECT

public:
    AsOfPopup(LedgerMoment *moment, QWidget *parent);

    // Opens below anchor, at the moment shown (or now), with the focus in the date.
    void open(QWidget *anchor);

    QDateTimeEdit *dateTimeEdit() const { return m_edit; }
    QPushButton *showButton() const { return m_show; }
    QPushButton *nowButton() const { return m_now; }

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void apply();

    LedgerMoment *m_moment;
    QDateTimeEdit *m_edit;
    QPushButton *m_show;
    QPushButton *m_now;
};
