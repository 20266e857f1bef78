#pragma once

#include <QToolButton>

class AsOfPopup;
class LedgerMoment;

// "As of…": pressed while the window shows a past moment, and opens AsOfPopup to choose another
// (also View > As Of…, Ctrl+Shift+T, for the view in front).
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
