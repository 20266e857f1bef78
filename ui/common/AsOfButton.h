#pragma once

#include <QToolButton>

class AsOfPopup;
class LedgerMoment;

// "As of…": shows the moment the window's ledger is of, and opens AsOfPopup to choose another
// (also Ctrl+Shift+T anywhere in view, the widget it is put in).
class AsOfButton final : public QToolButton
{
    Q_OBJECT

public:
    AsOfButton(LedgerMoment *moment, QWidget *view);

    AsOfPopup *popup() const { return m_popup; }
    // Opens the popup below the button.
    void openPopup();

private:
    void refresh();

    LedgerMoment *m_moment;
    AsOfPopup *m_popup;
};
