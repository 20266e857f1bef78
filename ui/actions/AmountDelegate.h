#pragma once

#include <QStyledItemDelegate>

// Colours a numeric cell by its sign, read from the model's raw-value role: deductions and
// negative totals in red; with Mode::Signed, additions in green too.
class AmountDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    enum class Mode { Signed, NegativeOnly };

    AmountDelegate(int rawValueRole, Mode mode, QObject *parent = nullptr);
    // Draws the numbers in bold (the resulting totals a person checks).
    void setBold(bool bold) { m_bold = bold; }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_rawValueRole;
    Mode m_mode;
    bool m_bold = false;
};
