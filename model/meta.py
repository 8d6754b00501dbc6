"""The reporting body and the report's year, read from the places reports name
them: the title, the preamble ("现公布玉林市住房和城乡建设局2021年政府信息公开工作
年度报告", "由上望街道办事处编制的2013年度…"), the page's 发布机构 field, the
opening of the overview ("2025年，重庆市渝中区人民政府办公室坚持…"), the
signature and date at the end, and the statistics period ("数据统计期限为2022年
1月1日至…"). Each place is tried in that order; a name is kept only when it ends
like a government body, so page furniture ("字体大小", "背景色") never is one.
"""
from __future__ import annotations

import re

from model.normalise import fold, simplified

_YEAR = r"((?:19|20)\d{2})"
_REPORT = r"\s*年度?\s*(?:的)?\s*(?:政府|政务)?\s*信息\s*(?:工作)?\s*(?:开展)?\s*公开\s*(?:工作)?\s*(?:开展)?\s*(?:年度)?\s*(?:工作)?\s*(?:情况)?\s*(?:报告|年报)"
_REPORT_PLAIN = r"\s*年度?\s*(?:的)?\s*(?:政府|政务)?\s*信息\s*(?:工作)?\s*(?:开展)?\s*公开"
_NAME = r"[^\s，。；：:,;、“”\"<>|#*《》【】()（）]"
BODY = re.compile(r"(?:人民政府|政府|局|委员会|委|办公室|办|厅|中心|院|署|管委会|所|站|队|办事处|研究室|镇|乡|街道|苏木|"
                  r"(?<=..)[市县区旗])$")

# Places that name the body, best first; group "a" is the agency, "y" the year.
_PLACES = [re.compile(p) for p in (
    rf"(?:^|[\s>|])(?P<a>{_NAME}{{2,40}}?)\s*(?:关于)?\s*{_YEAR.replace('(', '(?P<y>', 1)}{_REPORT}",
    rf"(?:现(?:予以)?(?:公布|发布|印发|公开)|现将|特向社会公布)\s*《?\s*(?P<a>{_NAME}{{2,40}}?)\s*{_YEAR.replace('(', '(?P<y>', 1)}{_REPORT_PLAIN}",
    rf"由\s*(?P<a>{_NAME}{{2,30}}?(?:人民政府|委员会|办事处|局))\S{{0,8}}编制",
    rf"{_YEAR.replace('(', '(?P<y>', 1)}\s*年度?\s*(?P<a>{_NAME}{{1,30}}?(?:人民政府|政府|局|委员会|办公室|办事处|厅))"
    r"(?:政务)?信息公开(?:工作)?(?:年度)?(?:工作)?报告",
    rf"发布机构[\s|:：]*(?P<a>{_NAME}{{3,30}})",
    rf"(?:^|[\n。])\s*{_YEAR.replace('(', '(?P<y>', 1)}\s*年度?\s*[,，]\s*(?:全)?(?P<a>{_NAME}{{3,30}}?)"
    r"(?:坚持|认真|深入|紧紧|全面|围绕|按照|严格|在|始终|进一步|积极|高度|以|持续|继续|扎实|不断|聚焦)",
)]
_SIGNATURE = re.compile(r"([\u4e00-\u9fff（）()]{3,30}?(?:人民政府|政府|局|委员会|办公室|管委会|中心|办|办事处))\s*"
                        r"(?:(?:19|20)\d{2}|二〇[一二]\S)\s*年\s*\S{1,3}\s*月")
_SOURCE = re.compile(r"来源[:：]\s*([^\s:：|]{2,30})")
_YEARS = [re.compile(p) for p in (
    _YEAR + _REPORT,
    r"统计(?:期限|时限|时间|期间)[^。]{0,12}?" + _YEAR + r"\s*年\s*1\s*月\s*1\s*日",
    _YEAR + r"\s*年\s*1\s*月\s*1\s*日(?:起)?\s*至\s*(?:(?:19|20)\d{2}\s*年\s*)?12\s*月\s*31\s*日",
    _YEAR + _REPORT_PLAIN,
)]
_BREADCRUMB = re.compile(r"^(?:.*?(?:年报|首页|当前位置|位置|政务公开|信息公开|目录|来源|标题|标\s*题)[:：>\s]*)+")


def _clean(name: str | None) -> str | None:
    if not name:
        return None
    name = _BREADCRUMB.sub("", name).strip(" -_·:：|")
    name = re.sub(r"^(?:本|我|全|现将|现公布|现发布)", "", name) if not name.startswith("本溪") else name
    return name if len(name) >= 3 and BODY.search(name) else None


def agency_and_year(raw: str) -> tuple[str | None, int | None]:
    """The reporting body and the year the report covers, or None where the text does not say."""
    text = simplified(fold(raw))
    head = text[:1500]
    agency = year = None
    for place in _PLACES:
        for m in place.finditer(head):
            name = _clean(m.group("a"))
            if name:
                agency = name
                if "y" in m.groupdict() and m.group("y") and year is None:
                    year = int(m.group("y"))
                break
        if agency:
            break
    if agency is None:
        signed = list(_SIGNATURE.finditer(text[-300:]))
        source = _SOURCE.search(head)
        agency = _clean(signed[-1].group(1)) if signed else None
        agency = agency or (_clean(source.group(1)) if source else None)
    if agency and agency.endswith(("镇", "乡", "街道", "苏木", "市", "县", "区", "旗")) and f"{agency}人民政府" in text:
        agency += "人民政府"  # "一拉溪镇2014年…报告", signed 一拉溪镇人民政府
    if year is None:
        for pattern in _YEARS:
            y = pattern.search(head)
            if y:
                year = int(y.group(1))
                break
    return agency, year
