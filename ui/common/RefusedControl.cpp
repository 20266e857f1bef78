#include "ui/common/RefusedControl.h"

#include <QWidget>

void RefusedControl::apply(QWidget *control, bool enabled, const QString &refusal, const QString &tip)
{
    control->setEnabled(enabled && refusal.isEmpty());
    control->setToolTip(refusal.isEmpty() ? tip : refusal);
}
